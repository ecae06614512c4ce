import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { readCallbackText } from '../../../src/core/simulate/callbackFile';
import { personalizeCallback } from '../../../src/core/simulate/personalize';
import { callbackSamples, sampleByKind } from '../../../src/core/simulate/samples';
import { triggerByKey, triggerOf } from '../../../src/core/webhook/triggers';
import { repoRoot, specExamples } from '../core/testSupport';

const samplesDir = () => join(repoRoot(), 'src', 'core', 'simulate', 'samples');

/** The schema compiled here, by ajv itself, with the project's options: strict mode also checks the schema. */
function compileCallbackSchema(): ValidateFunction {
  const { options, vocabulary } = JSON.parse(readFileSync(join(repoRoot(), 'src', 'core', 'schema', 'ajvOptions.json'), 'utf8'));
  const ajv = new Ajv({ ...options, logger: false });
  ajv.addVocabulary(vocabulary);
  return ajv.compile(JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'callback.schema.json'), 'utf8')));
}

describe('callback samples and schema', () => {
  const validate = compileCallbackSchema();
  const errorsOf = (value: unknown) => (validate(value) ? '' : JSON.stringify(validate.errors, null, 1));

  it('bundles exactly the *.callback.json files of the samples folder, so adding a kind is adding a file', () => {
    const onDisk = readdirSync(samplesDir()).filter((f) => f.endsWith('.callback.json')).map((f) => f.replace(/\.callback\.json$/, '')).sort();
    assert.deepEqual(callbackSamples().map((s) => s.kind), onDisk);
    for (const kind of onDisk) assert.equal(sampleByKind(kind)?.text, readFileSync(join(samplesDir(), `${kind}.callback.json`), 'utf8'));
  });

  it('every sample validates against schemas/callback.schema.json', () => {
    assert.ok(callbackSamples().length >= 25);
    for (const sample of callbackSamples()) assert.equal(errorsOf(JSON.parse(sample.text)), '', `${sample.kind}.callback.json`);
  });

  it('every callback example of the spec page validates, and each has a sample with the same body', () => {
    const callbacks = specExamples().filter((e) => e.name.includes('callback'));
    assert.equal(callbacks.length, 11);
    const sampleValues = callbackSamples().map((s) => JSON.stringify(JSON.parse(s.text)));
    for (const example of callbacks) {
      const value = JSON.parse(example.text);
      assert.equal(errorsOf(value), '', example.name);
      assert.ok(sampleValues.includes(JSON.stringify(value)), `no sample carries ${example.name}`);
    }
  });

  it('has a sample for every trigger key a callback can carry', () => {
    const covered = new Set(callbackSamples().flatMap((s) => triggerOf(JSON.parse(s.text)).kindKeys));
    assert.deepEqual(Object.keys(triggerByKey).filter((key) => !covered.has(key)), []);
    for (const s of callbackSamples()) assert.notEqual(s.trigger, 'UNKNOWN', s.kind);
    assert.equal(sampleByKind('inbound-text')?.title, 'Inbound text');
    assert.equal(sampleByKind('unsupported-video-play-complete')?.trigger, 'UNSUPPORTED');
  });

  it('refuses what is not one callback: no kind, two kinds, an unknown key, a wrong type', () => {
    const text = JSON.parse(sampleByKind('inbound-text')!.text);
    assert.notEqual(errorsOf({ app_id: 'A', project_id: 'P' }), '');
    assert.notEqual(errorsOf({ ...text, opt_in_notification: { channel: 'LINE' } }), '');
    assert.notEqual(errorsOf({ ...text, mesage: {} }), '');
    assert.notEqual(errorsOf({ ...text, message: { ...text.message, id: 42 } }), '');
    assert.notEqual(errorsOf({ ...text, message: { id: 'x' } }), '', 'a message without contact_message');
    const report = JSON.parse(sampleByKind('delivery-failed')!.text);
    report.message_delivery_report.status = 'SENT';
    assert.match(errorsOf(report), /allowedValues/);
  });

  it('gives every property of the schema a description, for hovers in *.callback.json files', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'callback.schema.json'), 'utf8'));
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, at: string) => {
      for (const [name, sub] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof sub.description !== 'string' && typeof sub.$ref !== 'string') missing.push(`${at}/${name}`);
        walk(sub, `${at}/${name}`);
      }
    };
    walk(schema, '');
    for (const [name, def] of Object.entries(schema.definitions as Record<string, Record<string, unknown>>)) walk(def, `#${name}`);
    assert.deepEqual(missing, []);
  });
});

describe('readCallbackText (a user\'s *.callback.json)', () => {
  it('accepts a sample as it is, bytes unchanged', () => {
    const text = sampleByKind('opt-in')!.text;
    assert.deepEqual(readCallbackText(text), { body: text, problems: [] });
  });

  it('refuses a text larger than any callback before parsing it', () => {
    const huge = `{"event":{"id":"${'x'.repeat(1024 * 1024)}"}}`;
    assert.match(readCallbackText(huge).problems[0]!.message, /^\d+ bytes is more than a callback can be \(at most 1048576\)$/);
  });

  it('names what is wrong: not JSON, not an object, not a callback', () => {
    assert.match(readCallbackText('{"app_id": ').problems[0]!.message, /^not JSON/);
    assert.equal(readCallbackText('[1]').problems[0]!.message, 'a callback is a JSON object');
    const wrongType = readCallbackText(JSON.stringify({ message: { id: 1, contact_message: {} } })).problems;
    assert.ok(wrongType.some((p) => p.severity === 'error' && p.pointer === '/message/id'), JSON.stringify(wrongType));
  });
});

describe('personalizeCallback', () => {
  it('puts the app id and contact id everywhere they occur, and nothing else changes', () => {
    const sample = sampleByKind('inbound-text')!;
    const out = JSON.parse(personalizeCallback(sample.text, { appId: 'MYAPP', contactId: 'MYCONTACT' }));
    const original = JSON.parse(sample.text);
    assert.equal(out.app_id, 'MYAPP');
    assert.equal(out.message.channel_identity.app_id, 'MYAPP');
    assert.equal(out.message.contact_id, 'MYCONTACT');
    assert.deepEqual({ ...out, app_id: original.app_id, message: { ...out.message, contact_id: original.message.contact_id, channel_identity: original.message.channel_identity } }, original);
  });

  it('sets the id of a notification\'s contact, not of other objects', () => {
    const merged = JSON.parse(personalizeCallback(sampleByKind('contact-merge')!.text, { contactId: 'C1' }));
    assert.equal(merged.contact_merge_notification.preserved_contact.id, 'C1');
    assert.notEqual(merged.contact_merge_notification.deleted_contact.id, 'C1');
    const created = JSON.parse(personalizeCallback(sampleByKind('contact-create')!.text, { contactId: 'C2' }));
    assert.equal(created.contact_create_notification.contact.id, 'C2');
    const inbound = JSON.parse(personalizeCallback(sampleByKind('inbound-text')!.text, { contactId: 'C3' }));
    assert.notEqual(inbound.message.id, 'C3');
  });

  it('returns the text untouched when there is nothing to put in', () => {
    const text = sampleByKind('delivery-failed')!.text;
    assert.equal(personalizeCallback(text, {}), text);
  });
});
