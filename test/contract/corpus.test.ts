// The payload corpus (test/fixtures/payloads/corpus): payloads a developer really sends, which must check with no
// error and no warning (no false errors), and broken ones, each caught exactly where expectations.json says.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../src/core/check';
import { messageKinds } from '../../src/core/payload/messageKinds';
import { fixturePath, listDiagnostics } from '../unit/core/testSupport';

interface Expected {
  severity: string;
  code: string;
  pointer: string;
  innerPointer?: string;
}

const corpus = fixturePath('payloads', 'corpus');
const files = (kind: 'valid' | 'invalid') => readdirSync(path.join(corpus, kind)).filter((f) => f.endsWith('.line.json')).sort();
const read = (kind: 'valid' | 'invalid', file: string) => readFileSync(path.join(corpus, kind, file), 'utf8');
const expectations = JSON.parse(readFileSync(path.join(corpus, 'expectations.json'), 'utf8')) as { invalid: Record<string, Expected[]> };

const key = (d: Expected) => [d.severity, d.code, d.pointer, d.innerPointer ?? ''].join(' ');

/** The LINE bodies of the valid payloads, parsed: what LINE types the corpus covers. */
function lineMessages(): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const file of files('valid')) {
    const payload = JSON.parse(read('valid', file)) as { message?: { explicit_channel_message?: { LINE?: string } } };
    const inner = payload.message?.explicit_channel_message?.LINE;
    if (typeof inner === 'string') found.push(...(JSON.parse(inner) as { messages: Record<string, unknown>[] }).messages);
  }
  return found;
}

describe('corpus: payloads a developer sends, and broken ones', () => {
  it('has at least 40 valid and 50 invalid payloads, and an expectation for each invalid one (no more, no less)', () => {
    assert.ok(files('valid').length >= 40, `${files('valid').length} valid`);
    assert.ok(files('invalid').length >= 50, `${files('invalid').length} invalid`);
    assert.deepEqual(Object.keys(expectations.invalid).sort(), files('invalid'));
    for (const [file, expected] of Object.entries(expectations.invalid)) assert.ok(expected.length > 0, `${file} expects nothing`);
  });

  for (const file of files('valid')) {
    it(`valid/${file}: no error, no warning`, () => {
      const { diagnostics } = checkText(read('valid', file));
      const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(problems.map(key), [], listDiagnostics(problems));
    });
  }

  for (const file of files('invalid')) {
    it(`invalid/${file}: caught at its pointer${expectations.invalid[file]?.some((e) => e.innerPointer) ? ' and inner pointer' : ''}`, () => {
      const source = read('invalid', file);
      const { diagnostics } = checkText(source);
      const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(problems.map(key).sort(), (expectations.invalid[file] ?? []).map(key).sort(), listDiagnostics(diagnostics));
      for (const d of problems) {
        if (d.innerPointer === undefined) continue;
        // Underlined inside the LINE string, never on the property name or beyond the value.
        const valueStart = source.indexOf('"LINE": "') + '"LINE": '.length;
        const valueEnd = source.indexOf('\n', valueStart);
        assert.ok(d.offset > valueStart && d.offset + d.length < valueEnd, `${d.code} at ${d.offset}+${d.length} outside ${valueStart}..${valueEnd}`);
      }
    });
  }

  it('the valid payloads use every Conversation API message kind and the LINE notification template', () => {
    const used = new Set<string>();
    for (const file of files('valid')) {
      const message = (JSON.parse(read('valid', file)) as { message: Record<string, unknown> }).message;
      for (const k of Object.keys(message)) used.add(k);
    }
    for (const kind of [...messageKinds, 'explicit_channel_message', 'channel_specific_message', 'agent']) assert.ok(used.has(kind), kind);
  });

  it("the valid payloads use every LINE message type, template type, Flex container, quick reply and emojis", () => {
    const messages = lineMessages();
    const types = new Set(messages.map((m) => m.type));
    for (const type of ['text', 'textV2', 'sticker', 'image', 'video', 'audio', 'location', 'imagemap', 'template', 'flex', 'coupon']) assert.ok(types.has(type), type);
    const templates = new Set(messages.filter((m) => m.type === 'template').map((m) => (m.template as { type: string }).type));
    assert.deepEqual([...templates].sort(), ['buttons', 'carousel', 'confirm', 'image_carousel']);
    const containers = new Set(messages.filter((m) => m.type === 'flex').map((m) => (m.contents as { type: string }).type));
    assert.deepEqual([...containers].sort(), ['bubble', 'carousel']);
    assert.ok(messages.some((m) => Array.isArray((m.quickReply as { items?: unknown[] } | undefined)?.items)), 'a quick reply');
    assert.ok(messages.some((m) => Array.isArray(m.emojis)), 'LINE emojis');
    assert.ok(messages.some((m) => m.sender !== undefined), 'a sender');
  });
});
