import * as assert from 'node:assert/strict';
import { hasPlaceholder, placeholderSpans, withoutPlaceholders } from '../../../src/core/payload/placeholders';
import Ajv from 'ajv';
import lineExplicitMessageSchema from '../../../schemas/line-explicit-message.schema.json';
import sendMessageSchema from '../../../schemas/send-message.schema.json';
import ajvOptions from '../../../src/core/schema/ajvOptions.json';
import { lineExplicitValidator, sendMessageValidator } from '../../../src/core/schema/schemas';
import { SchemaValidator } from '../../../src/core/schema/schemaValidator';
import { assertClean, check, listDiagnostics, payload } from './testSupport';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every subschema of a schema with its JSON path, for structural checks. */
function* subschemas(node: Json, path: string[] = []): Generator<{ node: { [key: string]: Json }; path: string[] }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* subschemas(item, [...path, String(i)]);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  yield { node, path };
  for (const [key, value] of Object.entries(node)) {
    if (key === 'defaultSnippets' || key === 'examples') continue;
    yield* subschemas(value, [...path, key]);
  }
}

const placeholderPattern = '^\\s*\\{\\{\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*\\}\\}\\s*$';

describe('send-message schema', () => {
  it('compiles in strict mode, and so does the LINE explicit message schema', () => {
    assert.ok(sendMessageValidator());
    assert.ok(lineExplicitValidator());
  });

  it('offers a {{PLACEHOLDER}} alternative beside every enum', () => {
    const offenders: string[] = [];
    for (const { node, path } of subschemas(sendMessageSchema as unknown as Json)) {
      if (!('enum' in node) && !('const' in node)) continue;
      // The enum must be one branch of an anyOf whose other branch is the placeholder pattern.
      const parentPath = path.slice(0, -1);
      let parent: Json = sendMessageSchema as unknown as Json;
      for (const segment of parentPath) parent = (parent as Record<string, Json>)[segment]!;
      const alternatives = Array.isArray(parent) ? parent : [];
      const ok = path[path.length - 2] === 'anyOf' && alternatives.some((a) => typeof a === 'object' && a !== null && !Array.isArray(a) && a.pattern === placeholderPattern);
      if (!ok) offenders.push('/' + path.join('/'));
    }
    assert.deepEqual(offenders, [], 'enums without a placeholder alternative');
  });

  it('accepts a {{PLACEHOLDER}} in every enum field', () => {
    const body = {
      ...payload(
        {
          card_message: { title: 'Card', height: '{{HEIGHT}}' },
          agent: { display_name: 'Bot', type: '{{AGENT_TYPE}}' },
          channel_specific_message: { LINE: { message_type: '{{LINE_MESSAGE_TYPE}}', message: { template_key: 'k', body: {} } } },
        },
        {
          queue: '{{QUEUE}}',
          processing_strategy: '{{ STRATEGY }}',
          message_content_type: '{{CONTENT_TYPE}}',
          conversation_metadata_update_strategy: '{{UPDATE}}',
          channel_priority_order: ['{{CHANNEL}}', 'LINE'],
        },
      ),
      recipient: { identified_by: { channel_identities: [{ channel: '{{CHANNEL}}', identity: '{{LINE_USER_ID}}' }] } },
    };
    assertClean(check(body));
  });

  it('refuses a string that only looks like a placeholder in an enum field', () => {
    for (const value of ['{{}}', '{QUEUE}', '{{QUEUE}} extra', '{{1QUEUE}}']) {
      const result = check(payload({ text_message: { text: 'Hi' } }, { queue: value }));
      assert.ok(result.diagnostics.some((d) => d.code === 'schema.enum'), `${value}:\n${listDiagnostics(result.diagnostics)}`);
    }
  });

  it('accepts every real enum value', () => {
    const body = payload(
      { card_message: { title: 'Card', height: 'TALL' }, agent: { display_name: 'Bot', type: 'BOT' } },
      { queue: 'HIGH_PRIORITY', processing_strategy: 'DISPATCH_ONLY', message_content_type: 'CONTENT_NOTIFICATION', conversation_metadata_update_strategy: 'MERGE_PATCH' },
    );
    assertClean(check(body));
  });

  it('every object with properties is closed (additionalProperties), so typos are reported', () => {
    const open: string[] = [];
    for (const { node, path } of subschemas(sendMessageSchema as unknown as Json)) {
      if (node.type === 'object' && node.properties && node.additionalProperties === undefined) open.push('/' + path.join('/'));
    }
    // The one known open object: channel_specific_message takes other channels' keys.
    assert.deepEqual(open.sort(), ['/definitions/appMessage/properties/channel_specific_message']);
  });
});

describe('LINE explicit message schema', () => {
  it('caps messages at 5 and requires at least one', () => {
    const messages = (lineExplicitMessageSchema as unknown as { properties: { messages: { minItems: number; maxItems: number } } }).properties.messages;
    assert.equal(messages.minItems, 1);
    assert.equal(messages.maxItems, 5);
  });

  it('validates the spec sticker', () => {
    assert.deepEqual(lineExplicitValidator().check({ messages: [{ type: 'sticker', packageId: '446', stickerId: '1988' }] }), []);
  });

  it('reports one problem per wrong field, not one per if/then branch', () => {
    const problems = lineExplicitValidator().check({ messages: [{ type: 'sticker', packageId: 446, stickerId: 1988 }] });
    assert.deepEqual(
      problems.map((p) => `${p.code} ${p.pointer}`),
      ['schema.type /messages/0/packageId', 'schema.type /messages/0/stickerId'],
    );
  });
});

/** Compiled the way esbuild.mjs compiles the product's schemas, with the same options. */
function compile(schema: object) {
  const ajv = new Ajv({ ...ajvOptions.options, logger: false });
  ajv.addVocabulary(ajvOptions.vocabulary);
  return ajv.compile(schema);
}

describe('SchemaValidator messages', () => {
  const validator = new SchemaValidator(compile({
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 3 },
      list: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'integer', minimum: 0 } },
      kind: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'string', pattern: placeholderPattern }] },
      either: { anyOf: [{ type: 'string' }, { type: 'boolean' }] },
      shape: { anyOf: [{ type: 'object', required: ['x'] }, { type: 'object', required: ['y'] }] },
      url: { type: 'string', pattern: '^https://' },
    },
    required: ['name'],
    additionalProperties: false,
  }));

  it('describes each keyword with a stable code', () => {
    const codesOf = (value: unknown) => validator.check(value).map((p) => `${p.code} ${p.pointer} ${p.severity}`);
    assert.deepEqual(codesOf({}), ['schema.required /name error']);
    assert.deepEqual(codesOf({ name: '' }), ['schema.min-length /name error']);
    assert.deepEqual(codesOf({ name: 'abcd' }), ['schema.max-length /name error']);
    assert.deepEqual(codesOf({ name: 'a', list: [] }), ['schema.min-items /list error']);
    assert.deepEqual(codesOf({ name: 'a', list: [1, 2, 3] }), ['schema.max-items /list error']);
    assert.deepEqual(codesOf({ name: 'a', list: [-1] }), ['schema.range /list/0 error']);
    assert.deepEqual(codesOf({ name: 'a', kind: 'c' }), ['schema.enum /kind error']);
    assert.deepEqual(codesOf({ name: 'a', kind: '{{KIND}}' }), []);
    assert.deepEqual(codesOf({ name: 'a', either: 1 }), ['schema.type /either error']);
    assert.deepEqual(codesOf({ name: 'a', shape: {} }), ['schema.required /shape error']);
    assert.match(validator.check({ name: 'a', shape: {} })[0]!.message, /needs "x" or "y"/);
    assert.deepEqual(codesOf({ name: 'a', shape: 1 }), ['schema.shape /shape error']);
    assert.deepEqual(codesOf({ name: 'a', url: 'http://x' }), ['schema.https /url error']);
    assert.deepEqual(codesOf({ name: 'a', extra: 1 }), ['schema.unknown-property /extra warning']);
  });

  it('names items by position, 1-based', () => {
    const [problem] = validator.check({ name: 'a', list: [1, 'x'] });
    assert.equal(problem!.pointer, '/list/1');
    assert.match(problem!.message, /Item 2 of "list"/);
  });
});

describe('placeholders', () => {
  it('recognises {{NAME}} with optional inner spaces, dots and dashes', () => {
    for (const s of ['{{NAME}}', 'Hi {{ first.name }}!', '{{a-b_c}}', 'x{{_}}y']) assert.ok(hasPlaceholder(s), s);
    for (const s of ['{{}}', '{NAME}', '{{ }}', '{{1A}}', '{{A B}}', '{{A', 'A}}']) assert.ok(!hasPlaceholder(s), s);
  });

  it('locates and removes placeholders', () => {
    assert.deepEqual(placeholderSpans('{{A}} and {{ b.c }}'), [[0, 5], [10, 19]]);
    assert.equal(withoutPlaceholders('Hi {{A}}, {{ B }}!'), 'Hi , !');
    assert.equal(withoutPlaceholders('no placeholders'), 'no placeholders');
  });
});
