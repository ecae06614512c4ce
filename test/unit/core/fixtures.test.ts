import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../../src/core/check';
import { assertRangeConsistent, listDiagnostics, repoRoot } from './testSupport';

interface Expected {
  code: string;
  severity: string;
  pointer: string;
  count?: number;
}

const dir = (kind: 'valid' | 'invalid') => path.join(repoRoot(), 'test', 'fixtures', 'payloads', kind);
const fixtures = (kind: 'valid' | 'invalid') =>
  readdirSync(dir(kind))
    .filter((f) => f.endsWith('.line.json'))
    .sort();
const sidecar = <T>(kind: 'valid' | 'invalid'): Record<string, T> => {
  const { '//': _comment, ...entries } = JSON.parse(readFileSync(path.join(dir(kind), 'expected.json'), 'utf8')) as Record<string, T>;
  return entries;
};
const read = (kind: 'valid' | 'invalid', file: string) => readFileSync(path.join(dir(kind), file), 'utf8');

/** Replaces every string value (not keys) with a placeholder, keeping the structure. */
function placeholderEverything(value: unknown, name = 'VALUE'): unknown {
  if (typeof value === 'string') return `{{${name}}}`;
  if (Array.isArray(value)) return value.map((v) => placeholderEverything(v, name));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placeholderEverything(v, name)]));
  return value;
}

describe('fixtures: valid payloads', () => {
  const expected = sidecar<Expected[]>('valid');

  it('cover every message type the brief lists', () => {
    const files = fixtures('valid');
    for (const name of [
      'text',
      'image',
      'video-with-thumbnail',
      'audio',
      'choice-all-four-kinds',
      'card',
      'carousel-10-cards',
      'location',
      'list',
      'contact-info',
      'template',
      'sticker',
      'channel-identity-recipient',
      'video-tracking-id',
    ]) {
      assert.ok(files.includes(`${name}.line.json`), `missing valid fixture ${name}.line.json`);
    }
    for (const file of Object.keys(expected)) assert.ok(files.includes(file), `expected.json names a missing fixture ${file}`);
  });

  for (const file of fixtures('valid')) {
    it(`${file}: no error, no warning${expected[file] ? ', only the expected information' : ', no diagnostic'}`, () => {
      const source = read('valid', file);
      const result = checkText(source);
      assert.deepEqual(
        result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, pointer: d.pointer })),
        expected[file] ?? [],
        listDiagnostics(result.diagnostics),
      );
      for (const d of result.diagnostics) assertRangeConsistent(source, d);
    });
  }

  it('carousel-10-cards really has 10 cards, choice-all-four-kinds the four kinds', () => {
    const carousel = JSON.parse(read('valid', 'carousel-10-cards.line.json')) as { message: { carousel_message: { cards: unknown[] } } };
    assert.equal(carousel.message.carousel_message.cards.length, 10);
    const choice = JSON.parse(read('valid', 'choice-all-four-kinds.line.json')) as { message: { choice_message: { choices: object[] } } };
    assert.deepEqual(
      choice.message.choice_message.choices.map((c) => Object.keys(c).filter((k) => k !== 'postback_data')[0]),
      ['text_message', 'url_message', 'call_message', 'location_message'],
    );
  });

  it('with every string replaced by a {{PLACEHOLDER}}, still no error or warning', () => {
    for (const file of fixtures('valid')) {
      const value = placeholderEverything(JSON.parse(read('valid', file)));
      const result = checkText(JSON.stringify(value, null, 2));
      const serious = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(serious, [], `${file}:\n${listDiagnostics(serious)}`);
    }
  });

  it('with CRLF line ends and tab indentation, the same diagnostics', () => {
    for (const file of fixtures('valid')) {
      const source = read('valid', file);
      const crlf = JSON.stringify(JSON.parse(source), null, '\t').replace(/\n/g, '\r\n');
      const a = checkText(source).diagnostics.map((d) => `${d.code} ${d.pointer}`);
      const b = checkText(crlf).diagnostics.map((d) => `${d.code} ${d.pointer}`);
      assert.deepEqual(b, a, file);
    }
  });
});

describe('fixtures: invalid payloads', () => {
  const expected = sidecar<Expected>('invalid');

  it('every invalid fixture has an expected code, and every expectation a fixture', () => {
    assert.deepEqual(Object.keys(expected).sort(), fixtures('invalid'));
  });

  for (const file of fixtures('invalid')) {
    const e = expected[file];
    it(`${file}: ${e?.code ?? '(no expectation)'} (${e?.severity ?? '?'})`, () => {
      assert.ok(e, `add ${file} to invalid/expected.json`);
      const source = read('invalid', file);
      const result = checkText(source);
      const matching = result.diagnostics.filter((d) => d.code === e.code);
      assert.equal(matching.length, e.count ?? 1, `expected ${e.count ?? 1} × ${e.code}:\n${listDiagnostics(result.diagnostics)}`);
      const first = matching[0]!;
      assert.equal(first.severity, e.severity);
      assert.equal(first.pointer, e.pointer);
      // The fixture shows one problem: no other error or warning hides in it.
      const others = result.diagnostics.filter((d) => d.code !== e.code && d.severity !== 'information');
      assert.deepEqual(others, [], listDiagnostics(others));
      for (const d of result.diagnostics) assertRangeConsistent(source, d);
    });
  }
});
