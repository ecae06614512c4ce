// Fuzzing checkText: mutated fixtures, random JSON, truncations, deep nesting, huge and odd strings. Every case
// draws from its own seeded PRNG, so a failure names the case and seed that reproduce it.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../../src/core/check';
import type { Diagnostic } from '../../../src/core/diagnostic';
import { seededRandom } from '../../support/seededRandom';
import { repoRoot } from './testSupport';

type Rng = () => number;

const rngFrom: (seed: number) => Rng = seededRandom;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

const severities = new Set(['error', 'warning', 'information', 'hint']);

/** Keys the rules look for, plus prototype names that break careless code. */
const keys = [
  'app_id', 'recipient', 'contact_id', 'identified_by', 'channel_identities', 'channel', 'identity', 'message',
  'text_message', 'text', 'media_message', 'url', 'thumbnail_url', 'choice_message', 'choices', 'postback_data',
  'url_message', 'call_message', 'location_message', 'calendar_message', 'share_location_message', 'title', 'label',
  'coordinates', 'latitude', 'longitude', 'card_message', 'description', 'carousel_message', 'cards', 'list_message',
  'contact_info_message', 'template_message', 'explicit_channel_message', 'LINE', 'channel_specific_message',
  'channel_properties', 'LINE_VIDEO_TRACKING_ID', 'channel_priority_order', 'queue', 'messages', 'type', 'packageId',
  'stickerId', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'length', '0', '', 'a/b', '~1',
];
const oddStrings = [
  '', ' ', '{{X}}', '{{', '}}', 'https://example.com/a.mp4', 'http://example.com/a.gif', 'https://example.com/a.png?v=1#f',
  'LINE', 'SMS', '😀', '\ud800', '\udc00x', '\u0000', '\u2028', '\n\r\t', '"', '\\', '日本語', 'e\u0301', '%E0%A4%A',
  '{"messages":[{"type":"sticker","packageId":"446","stickerId":"1988"}]}', '{"messages":[', 'x'.repeat(41), 'x'.repeat(301),
];

function randomString(rng: Rng): string {
  const r = rng();
  if (r < 0.4) return pick(rng, oddStrings);
  if (r < 0.45) return 'y'.repeat(int(rng, 6000));
  let s = '';
  const n = int(rng, 30);
  for (let i = 0; i < n; i++) {
    const c = rng();
    s += c < 0.6 ? String.fromCharCode(32 + int(rng, 95)) : c < 0.8 ? String.fromCharCode(int(rng, 0x10000)) : c < 0.9 ? '😀' : pick(rng, ['{{A}}', '\\', '"', '\n']);
  }
  return s;
}

/** Sets an own property, even "__proto__" (which plain assignment would turn into a prototype change). */
function setKey(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (depth > 4 || r < 0.1) return pick(rng, [null, true, false, 0, -1, 1.5, 1e308, -0, 123456789012345678901234567890]);
  if (r < 0.45) return randomString(rng);
  if (r < 0.7) return Array.from({ length: int(rng, 5) }, () => randomValue(rng, depth + 1));
  const o: Record<string, unknown> = {};
  const n = int(rng, 5);
  for (let i = 0; i < n; i++) setKey(o, pick(rng, keys), randomValue(rng, depth + 1));
  return o;
}

function depthOf(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  let max = 0;
  for (const v of Object.values(value)) max = Math.max(max, depthOf(v));
  return max + 1;
}

/** Serializes with varied whitespace and line ends; compact when indentation would blow up (deep nesting). */
function serialize(rng: Rng, value: unknown): string {
  const indent = pick(rng, [0, 1, 2, 4, '\t']);
  const compact = JSON.stringify(value) ?? 'null';
  let out = compact.length > 50_000 || depthOf(value) > 40 ? compact : JSON.stringify(value, null, indent);
  if (rng() < 0.2) out = out.replace(/\n/g, '\r\n');
  if (rng() < 0.05) out = out.replace(/\n/g, '\r');
  return out;
}

/** All containers of a parsed value, for structural mutation. */
function containers(value: unknown, found: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (value && typeof value === 'object') {
    found.push(value as Record<string, unknown> | unknown[]);
    for (const v of Object.values(value)) containers(v, found);
  }
  return found;
}

function mutateValue(rng: Rng, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const rounds = 1 + int(rng, 4);
  for (let n = 0; n < rounds; n++) {
    const all = containers(copy);
    if (all.length === 0) return randomValue(rng);
    const target = pick(rng, all);
    const op = rng();
    if (Array.isArray(target)) {
      if (target.length === 0 || op < 0.3) target.push(randomValue(rng));
      else if (op < 0.5) target.splice(int(rng, target.length), 1);
      else if (op < 0.7 && target.length < 16) target.push(...Array.from({ length: int(rng, 12) }, () => JSON.parse(JSON.stringify(target[0] ?? null)) as unknown));
      else target[int(rng, target.length)] = randomValue(rng);
    } else {
      const ks = Object.keys(target);
      if (ks.length === 0 || op < 0.3) setKey(target, pick(rng, keys), randomValue(rng));
      else if (op < 0.5) delete target[pick(rng, ks)];
      else if (op < 0.75) target[pick(rng, ks)] = randomValue(rng);
      else if (op < 0.9) target[pick(rng, ks)] = randomString(rng);
      else {
        // Deep nesting under an existing key.
        const depth = pick(rng, [10, 100, 255, 256, 257, 300, 2000]);
        let nested: unknown = randomValue(rng, 5);
        for (let i = 0; i < depth; i++) {
          if (rng() < 0.5) nested = [nested];
          else {
            const o: Record<string, unknown> = {};
            setKey(o, pick(rng, keys), nested);
            nested = o;
          }
        }
        target[pick(rng, ks)] = nested;
      }
    }
  }
  return copy;
}

const textOps = ['delete', 'duplicate', 'swap', 'insert', 'replace'] as const;
const punctuation = ['{', '}', '[', ']', '"', ':', ',', '\\', '\n', '\r', ' ', '0', '-', 'e', 't', 'n', '/', '*', '😀', '\ud83d', 'é', '\u0000'];

function mutateText(rng: Rng, source: string): string {
  let s = source;
  const rounds = 1 + int(rng, 6);
  for (let n = 0; n < rounds; n++) {
    const at = int(rng, s.length + 1);
    const len = 1 + int(rng, 8);
    switch (pick(rng, textOps)) {
      case 'delete':
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 'duplicate':
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      case 'swap': {
        const other = int(rng, s.length + 1);
        const [a, b] = at < other ? [at, other] : [other, at];
        if (b > a) s = s.slice(0, a) + (s[b] ?? '') + s.slice(a + 1, b) + (s[a] ?? '') + s.slice(b + 1);
        break;
      }
      case 'insert':
        s = s.slice(0, at) + pick(rng, punctuation) + s.slice(at);
        break;
      case 'replace':
        s = s.slice(0, at) + pick(rng, punctuation) + s.slice(at + 1);
        break;
    }
  }
  return s;
}

/** The LINE string of a payload mutated as text, so escapes and offsets inside the string are exercised. */
function mutateExplicitLine(rng: Rng): string {
  const inner = pick(rng, [
    '{"messages":[{"type":"sticker","packageId":"446","stickerId":"1988"}]}',
    '{"messages": [{"type": "text", "text": "café \\"q\\" 😀\\n日本"}]}',
    '{"messages":[{"type":"template","altText":"a","template":{"type":"buttons","text":"t","actions":[{"type":"postback","label":"l","data":"d"}]}}]}',
    '{"messages":[{"type":"image","originalContentUrl":"https://a/b.jpg","previewImageUrl":"http://a/c.jpg"}]}',
  ]);
  const mutated = rng() < 0.85 ? mutateText(rng, inner) : inner;
  return serialize(rng, { app_id: 'a', recipient: { contact_id: 'c' }, message: { explicit_channel_message: { LINE: mutated } } });
}

/** An independent offset → position mapping: line starts after \n, after \r not followed by \n. */
function positions(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    return { line, character: offset - starts[line]! };
  };
}

function checkInvariants(text: string, label: string): Diagnostic[] {
  let diagnostics: Diagnostic[];
  try {
    diagnostics = checkText(text).diagnostics;
  } catch (error) {
    assert.fail(`${label}: checkText threw ${(error as Error).stack}\ntext: ${JSON.stringify(text.slice(0, 400))}`);
  }
  const positionOf = text.length < 20_000 ? positions(text) : undefined;
  for (const d of diagnostics) {
    const where = `${label}: ${d.code} "${d.message}" at ${d.offset}+${d.length} in a text of ${text.length}\ntext: ${JSON.stringify(text.slice(0, 300))}`;
    assert.ok(typeof d.code === 'string' && d.code.length > 0, where);
    assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, where);
    assert.ok(severities.has(d.severity), where);
    assert.notEqual(d.code, 'internal.rule-failed', where);
    assert.ok(typeof d.pointer === 'string' && (d.pointer === '' || d.pointer.startsWith('/')), where);
    assert.ok(Number.isInteger(d.offset) && Number.isInteger(d.length), where);
    assert.ok(d.offset >= 0 && d.length >= 0 && d.offset + d.length <= text.length, where);
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.character >= 0, where);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), where);
    if (positionOf) {
      assert.deepEqual(start, positionOf(d.offset), `${where}\nrange.start`);
      assert.deepEqual(end, positionOf(d.offset + d.length), `${where}\nrange.end`);
    }
  }
  return diagnostics;
}

describe('fuzz: checkText never throws and always returns sane diagnostics', function () {
  this.timeout(30_000);
  const fixtureDir = path.join(repoRoot(), 'test', 'fixtures', 'payloads');
  const sources = ['valid', 'invalid'].flatMap((kind) =>
    readdirSync(path.join(fixtureDir, kind))
      .filter((f) => f.endsWith('.line.json'))
      .map((f) => readFileSync(path.join(fixtureDir, kind, f), 'utf8')),
  );
  const values = sources.flatMap((s) => {
    try {
      return [JSON.parse(s) as unknown];
    } catch {
      return [];
    }
  });
  const BASE_SEED = 20240611;
  let total = 0;

  after(() => {
    assert.ok(total >= 5000, `only ${total} documents were fuzzed`);
  });

  it('1500 structurally mutated fixtures', () => {
    for (let i = 0; i < 1500; i++) {
      const seed = BASE_SEED + i;
      const rng = rngFrom(seed);
      const text = serialize(rng, mutateValue(rng, pick(rng, values)));
      checkInvariants(text, `structural case ${i} (seed ${seed})`);
      total++;
    }
  });

  it('1500 character-level mutations of the fixture texts', () => {
    for (let i = 0; i < 1500; i++) {
      const seed = BASE_SEED + 100_000 + i;
      const rng = rngFrom(seed);
      checkInvariants(mutateText(rng, pick(rng, sources)), `text case ${i} (seed ${seed})`);
      total++;
    }
  });

  it('800 mutations of JSON held inside explicit_channel_message.LINE', () => {
    for (let i = 0; i < 800; i++) {
      const seed = BASE_SEED + 200_000 + i;
      checkInvariants(mutateExplicitLine(rngFrom(seed)), `explicit case ${i} (seed ${seed})`);
      total++;
    }
  });

  it('500 random JSON documents', () => {
    for (let i = 0; i < 500; i++) {
      const seed = BASE_SEED + 300_000 + i;
      const rng = rngFrom(seed);
      const value = rng() < 0.5 ? randomValue(rng) : { app_id: randomValue(rng), recipient: randomValue(rng), message: randomValue(rng), ...(randomValue(rng) as object) };
      checkInvariants(serialize(rng, value), `random case ${i} (seed ${seed})`);
      total++;
    }
  });

  it('every prefix of two small payloads (truncation at each position)', () => {
    const sticker = sources.find((s) => s.includes('"stickerId\\":\\"1988\\"') && s.length < 400)!;
    const card = readFileSync(path.join(fixtureDir, 'valid', 'card.line.json'), 'utf8');
    for (const source of [sticker, card]) {
      for (let n = 0; n <= source.length; n++) {
        checkInvariants(source.slice(0, n), `prefix ${n} of ${source.length}`);
        total++;
      }
    }
  });

  it('deep nesting at and around the limit, in the payload and inside the LINE string', () => {
    for (const depth of [1, 50, 255, 256, 257, 1000, 5000, 50_000]) {
      for (const [open, close] of [['[', ']'], ['{"a":', '}']] as const) {
        const nested = open.repeat(depth) + '1' + close.repeat(depth);
        checkInvariants(nested, `bare nesting ${depth}`);
        checkInvariants(`{"app_id":"a","recipient":{"contact_id":"c"},"message":{"text_message":{"text":"x"}},"conversation_metadata":${nested}}`, `metadata nesting ${depth}`);
        checkInvariants(JSON.stringify({ app_id: 'a', recipient: { contact_id: 'c' }, message: { explicit_channel_message: { LINE: nested } } }), `LINE nesting ${depth}`);
        checkInvariants(open.repeat(depth), `unclosed nesting ${depth}`);
        total += 4;
      }
    }
  });

  it('huge strings and many items', () => {
    const big = 'x'.repeat(1_000_000);
    const cases = [
      { app_id: 'a', recipient: { contact_id: 'c' }, message: { text_message: { text: big } } },
      { app_id: 'a', recipient: { contact_id: 'c' }, message: { card_message: { title: '😀'.repeat(100_000), description: big } } },
      { app_id: 'a', recipient: { contact_id: 'c' }, message: { media_message: { url: 'https://e.com/' + big + '.gif' } } },
      { app_id: 'a', recipient: { contact_id: 'c' }, message: { explicit_channel_message: { LINE: JSON.stringify({ messages: [{ type: 'text', text: big }] }) } } },
      { app_id: 'a', recipient: { contact_id: 'c' }, message: { carousel_message: { cards: Array.from({ length: 2000 }, (_, i) => ({ title: `c${i}`, choices: Array.from({ length: i % 7 }, () => ({ text_message: { text: 'b' } })) })) } } },
      { app_id: 'a', recipient: { contact_id: 'c' }, message: { text_message: { text: 'a' } }, channel_properties: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`K${i}`, 'v'.repeat(i % 1100)])) },
    ];
    for (const [i, value] of cases.entries()) {
      const diagnostics = checkInvariants(JSON.stringify(value), `huge case ${i}`);
      assert.ok(diagnostics.length > 0, `huge case ${i} should report something`);
      total++;
    }
    checkInvariants('"' + big, 'unterminated huge string');
    checkInvariants('{"a":"' + '\\u00e9'.repeat(100_000) + '"}', 'many escapes');
    total += 2;
  });

  it('hostile shapes: comments, duplicate keys, control characters in keys, huge key counts', () => {
    const rng = rngFrom(BASE_SEED + 500_000);
    const controls = ['\n', '\r', '\u001b[31m', '\u0007', '\u0000', '\u2028', '::error::x', '\t', '\u202e'];
    for (let i = 0; i < 400; i++) {
      const source = serialize(rng, mutateValue(rng, pick(rng, values)));
      const kind = i % 4;
      let text = source;
      if (kind === 0) {
        // A comment (holding quotes and brackets) at a random place: always a syntax error, never a crash.
        const at = int(rng, source.length + 1);
        const comment = pick(rng, ['/*"*/', '//"\n', '/* [[[ */', '/*"*/' + '['.repeat(int(rng, 3000))]);
        text = source.slice(0, at) + comment + source.slice(at);
      } else if (kind === 1) {
        // A repeated key right after an object's opening brace.
        const at = source.indexOf('{"');
        if (at >= 0) {
          const key = /^\{"((?:[^"\\]|\\.)*)"/.exec(source.slice(at))?.[1] ?? 'x';
          text = source.slice(0, at + 1) + `"${key}":${JSON.stringify(randomValue(rng, 4))},` + source.slice(at + 1);
          const diagnostics = checkInvariants(text, `duplicate key case ${i}`);
          // (Unless the text is refused outright: nested beyond the limit, it is one syntax error.)
          const refused = diagnostics.some((d) => d.code === 'json.syntax');
          assert.ok(refused || diagnostics.some((d) => d.code === 'json.duplicate-key' && text.slice(d.offset, d.offset + d.length) === `"${key}"`), `duplicate key case ${i}: "${key}" not reported: ${diagnostics.map((d) => d.code).join()} ${text.slice(0, 300)}`);
          total++;
          continue;
        }
      } else if (kind === 2) {
        const value = mutateValue(rng, pick(rng, values)) as Record<string, unknown>;
        const target = pick(rng, containers(value).filter((c) => !Array.isArray(c)) as Record<string, unknown>[]) ?? value;
        setKey(target, pick(rng, controls) + pick(rng, keys) + pick(rng, controls), randomValue(rng, 3));
        text = serialize(rng, value);
      } else {
        const n = pick(rng, [1000, 5000, 20_000]);
        const extra = Object.fromEntries(Array.from({ length: n }, (_, k) => [`${pick(rng, keys)}_${k}`, k % 3 ? 'v' : { a: k }]));
        text = JSON.stringify({ ...(pick(rng, values) as object), ...extra });
      }
      checkInvariants(text, `hostile shape ${kind} case ${i}`);
      total++;
    }
  });

  it('unicode everywhere: surrogates, BOM, line separators, combining marks', () => {
    const rng = rngFrom(BASE_SEED + 400_000);
    for (let i = 0; i < 300; i++) {
      const value = mutateValue(rng, pick(rng, values));
      let text = serialize(rng, value);
      const at = int(rng, text.length);
      text = text.slice(0, at) + pick(rng, ['\ufeff', '\u2028', '\u2029', '\ud800', '\udfff', '\u0301', '\u200d', '\uffff', '😀']) + text.slice(at);
      checkInvariants(text, `unicode case ${i}`);
      total++;
    }
  });
});
