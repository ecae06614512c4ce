import * as assert from 'node:assert/strict';
import { JsonDocument, maxNestingDepth } from '../../../src/core/json/jsonDocument';
import { LineIndex } from '../../../src/core/json/lineIndex';
import { locate } from '../../../src/core/json/locator';
import { childPointer, fromPointer, toPointer } from '../../../src/core/json/pointer';
import { decodeStringLiteral } from '../../../src/core/json/stringLiteral';
import { seededRandom } from '../../support/seededRandom';

describe('LineIndex', () => {
  it('maps offsets to 0-based line/character with \\n', () => {
    const index = new LineIndex('ab\ncd\n\nef');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(5), { line: 1, character: 2 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(7), { line: 3, character: 0 });
    assert.deepEqual(index.positionAt(9), { line: 3, character: 2 });
  });

  it('treats \\r\\n as one line break', () => {
    const index = new LineIndex('ab\r\ncd\r\n');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(6), { line: 1, character: 2 });
    assert.deepEqual(index.positionAt(8), { line: 2, character: 0 });
  });

  it('treats a lone \\r as a line break (old Mac files)', () => {
    const index = new LineIndex('ab\rcd\re');
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
  });

  it('mixes \\n, \\r\\n and \\r', () => {
    const t = 'a\nb\r\nc\rd';
    const index = new LineIndex(t);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((ch) => index.positionAt(t.indexOf(ch))),
      [0, 1, 2, 3].map((line) => ({ line, character: 0 })),
    );
    assert.deepEqual(index.positionAt(t.length), { line: 3, character: 1 });
  });

  it('counts characters in UTF-16 units (an emoji is 2)', () => {
    const index = new LineIndex('😀x\n日本');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(5), { line: 1, character: 1 });
  });

  it('offsetAt inverts positionAt, and clamps a line beyond the end to the last line', () => {
    for (const t of ['ab\ncd', 'ab\r\ncd\r\n', 'a\rb\n\nc', '']) {
      const index = new LineIndex(t);
      for (let offset = 0; offset <= t.length; offset++) {
        if (t[offset - 1] === '\r' && t[offset] === '\n') continue;
        assert.equal(index.offsetAt(index.positionAt(offset)), offset, `${JSON.stringify(t)} @${offset}`);
      }
    }
    assert.equal(new LineIndex('ab\ncd').offsetAt({ line: 9, character: 1 }), 4);
  });

  it('rangeOf covers offset..offset+length', () => {
    assert.deepEqual(new LineIndex('ab\ncdef').rangeOf(1, 4), { start: { line: 0, character: 1 }, end: { line: 1, character: 2 } });
    assert.deepEqual(new LineIndex('').rangeOf(0, 0), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });
});

describe('JSON pointers', () => {
  it('escapes ~ as ~0 and / as ~1', () => {
    assert.equal(toPointer(['a/b', 'c~d', 0, '~1']), '/a~1b/c~0d/0/~01');
    assert.equal(childPointer('/x', 'a/b~'), '/x/a~1b~0');
    assert.equal(toPointer([]), '');
    assert.equal(toPointer(['']), '/');
  });

  it('unescapes ~1 before ~0, so "~01" is "~1" and not "/"', () => {
    assert.deepEqual(fromPointer('/a~1b/c~0d/0/~01'), ['a/b', 'c~d', '0', '~1']);
    assert.deepEqual(fromPointer(''), []);
    assert.deepEqual(fromPointer('/'), ['']);
  });

  it('round-trips awkward keys', () => {
    const segments = ['', '~', '/', '~0', '~1', 'a/~b', '日本', '😀', ' '];
    assert.deepEqual(fromPointer(toPointer(segments)), segments);
  });
});

describe('JsonDocument', () => {
  const source = ['{', '  "a/b": { "c~d": [10, { "e": "x" }] },', '  "dup": 1,', '  "dup": 2,', '  "": "empty key"', '}'].join('\n');
  const doc = new JsonDocument(source);

  it('finds nodes through escaped pointers', () => {
    assert.equal(doc.nodeAt('/a~1b/c~0d/0')?.value, 10);
    assert.equal(doc.nodeAt('/a~1b/c~0d/1/e')?.value, 'x');
    assert.equal(doc.nodeAt('/')?.value, 'empty key');
    assert.equal(doc.nodeAt('/a/b'), undefined);
    assert.equal(doc.nodeAt('/a~1b/c~0d/7'), undefined);
    assert.equal(doc.nodeAt('/a~1b/c~0d/x'), undefined);
    assert.equal(doc.nodeAt('/dup/deeper'), undefined);
    assert.equal(doc.nodeAt(''), doc.root);
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    assert.equal(doc.nodeAt('/dup')?.value, 2);
    assert.equal((doc.value as Record<string, unknown>).dup, 2);
  });

  it('spanOf an existing value is the value; with "key", the key', () => {
    const value = doc.spanOf('/a~1b/c~0d/1/e');
    assert.equal(source.slice(value.offset, value.offset + value.length), '"x"');
    const key = doc.spanOf('/a~1b/c~0d', 'key');
    assert.equal(source.slice(key.offset, key.offset + key.length), '"c~d"');
  });

  it('spanOf a missing pointer falls back to the nearest existing parent key', () => {
    const missing = doc.spanOf('/a~1b/c~0d/1/missing');
    assert.equal(source.slice(missing.offset, missing.offset + missing.length), '{', 'an array item has no key: its first character');
    const missingChild = doc.spanOf('/a~1b/nothing/deeper');
    assert.equal(source.slice(missingChild.offset, missingChild.offset + missingChild.length), '"a/b"');
    const missingAtRoot = doc.spanOf('/nothing');
    assert.equal(source.slice(missingAtRoot.offset, missingAtRoot.offset + missingAtRoot.length), '{');
  });

  it('spanOf an array item value without a key is the value', () => {
    const item = doc.spanOf('/a~1b/c~0d/0', 'key');
    assert.equal(source.slice(item.offset, item.offset + item.length), '10');
  });

  it('spanOf on a document without a tree is the first character (or nothing)', () => {
    assert.deepEqual(new JsonDocument('').spanOf('/a'), { offset: 0, length: 0 });
    const broken = new JsonDocument('}');
    const span = broken.spanOf('/a');
    assert.ok(span.offset >= 0 && span.offset + span.length <= 1);
  });

  it('collects syntax problems with offsets and keeps the value it could recover', () => {
    const broken = new JsonDocument('{"a": 1 "b": 2}');
    assert.equal(broken.syntaxProblems.length, 1);
    assert.equal(broken.syntaxProblems[0]!.message, 'Comma expected');
    assert.equal(broken.syntaxProblems[0]!.offset, 8);
    assert.deepEqual({ ...(broken.value as object) }, { a: 1, b: 2 });
  });

  it('refuses comments and trailing commas (strict JSON, like the API)', () => {
    assert.equal(new JsonDocument('{"a": 1 // c\n}').syntaxProblems[0]?.message, 'Comments are not allowed in JSON');
    assert.ok(new JsonDocument('{"a": 1,}').syntaxProblems.length > 0);
    assert.ok(new JsonDocument('[1,]').syntaxProblems.length > 0);
  });

  it(`refuses nesting deeper than ${maxNestingDepth} levels with one problem instead of overflowing the stack`, () => {
    const ok = new JsonDocument('['.repeat(maxNestingDepth) + ']'.repeat(maxNestingDepth));
    assert.deepEqual(ok.syntaxProblems, []);
    for (const n of [maxNestingDepth + 1, 10_000, 200_000]) {
      const deep = new JsonDocument('{"a":'.repeat(n) + '1' + '}'.repeat(n));
      assert.equal(deep.syntaxProblems.length, 1);
      assert.match(deep.syntaxProblems[0]!.message, /Nested too deeply/);
      assert.equal(deep.syntaxProblems[0]!.offset, '{"a":'.length * maxNestingDepth);
      assert.equal(deep.root, undefined);
    }
    // Brackets inside strings do not count.
    assert.deepEqual(new JsonDocument(JSON.stringify({ a: '['.repeat(10_000) })).syntaxProblems, []);
    // A repeated name hides its first value's nesting from JSON.parse's result; the text still counts.
    for (const n of [maxNestingDepth + 1, 200_000]) {
      const hidden = new JsonDocument(`{"message":{"text_message":{"text":"hi"}},"x":${'['.repeat(n)}${']'.repeat(n)},"x":1}`);
      assert.equal(hidden.syntaxProblems.length, 1, `depth ${n}`);
      assert.match(hidden.syntaxProblems[0]!.message, /Nested too deeply/);
      assert.equal(hidden.root, undefined);
    }
    assert.deepEqual(new JsonDocument(`{"x":${'['.repeat(maxNestingDepth - 1)}${']'.repeat(maxNestingDepth - 1)},"x":1}`).syntaxProblems, []);
  });

  it('rangeOf uses the document line index', () => {
    const d = new JsonDocument('{\r\n  "a": 1\r\n}');
    assert.deepEqual(d.rangeOf(5, 3), { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
  });
});

/** The decoded literal with its offsets as a plain array, for deepEqual. */
function plain(decoded: ReturnType<typeof decodeStringLiteral>) {
  return decoded && { value: decoded.value, offsets: [...decoded.offsets] };
}

describe('decodeStringLiteral', () => {
  it('decodes a plain literal and maps each unit to its raw offset, closing quote last', () => {
    assert.deepEqual(plain(decodeStringLiteral('"abc"')), { value: 'abc', offsets: [1, 2, 3, 4] });
    assert.deepEqual(plain(decodeStringLiteral('""')), { value: '', offsets: [1] });
  });

  it('maps every escape to the offset of its backslash', () => {
    const raw = String.raw`"a\"b\\c\/d\n\t\r\b\fe"`;
    const decoded = decodeStringLiteral(raw)!;
    assert.equal(decoded.value, 'a"b\\c/d\n\t\r\b\fe');
    assert.equal(decoded.value, JSON.parse(raw));
    assert.deepEqual([...decoded.offsets], [1, 2, 4, 5, 7, 8, 10, 11, 13, 15, 17, 19, 21, 22]);
  });

  it('maps \\u escapes (6 raw units) and surrogate pairs written as escapes', () => {
    const raw = String.raw`"caf\u00e9 \ud83d\ude00!"`;
    const decoded = decodeStringLiteral(raw)!;
    assert.equal(decoded.value, 'café 😀!');
    assert.deepEqual([...decoded.offsets], [1, 2, 3, 4, 10, 11, 17, 23, 24]);
  });

  it('keeps raw non-ASCII text one unit per unit', () => {
    const decoded = decodeStringLiteral('"日😀"')!;
    assert.equal(decoded.value, '日😀');
    assert.deepEqual([...decoded.offsets], [1, 2, 3, 4]);
  });

  it('agrees with JSON.parse and gives increasing offsets on random literals', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['a', '"', '\\', '/', '\n', '\t', '\u0001', 'é', '😀', '\u2028', '{', '}'];
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < rnd() * 20; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const raw = JSON.stringify(s);
      const decoded = decodeStringLiteral(raw)!;
      assert.equal(decoded.value, s);
      assert.equal(decoded.offsets.length, s.length + 1);
      for (let i = 1; i < decoded.offsets.length; i++) assert.ok(decoded.offsets[i]! > decoded.offsets[i - 1]!);
      assert.equal(decoded.offsets[decoded.offsets.length - 1], raw.length - 1);
    }
  });

  it('returns undefined for malformed literals', () => {
    for (const raw of ['', '"', 'abc', '"abc', 'abc"', String.raw`"\x41"`, String.raw`"\u12"`, String.raw`"\u12G4"`, '"trailing\\"']) {
      assert.equal(decodeStringLiteral(raw), undefined, raw);
    }
  });
});

describe('locate: ending the scan at the last pointer found', () => {
  it('gives the spans a full scan gives, and the syntax tree gives, for random documents and pointers (existing, missing, key and value)', () => {
    const next = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const names = ['a', 'b', 'title', 'c/d', 'e~f', '0', ''];
    const value = (depth: number): unknown => {
      const r = next();
      if (depth > 3 || r < 0.3) return pick(['x', 'y:z', 1, true, null, '日本😀', 'q"\\']);
      if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      // Distinct names within one object: the case the early end is for.
      const keys = [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => pick(names)))];
      return Object.fromEntries(keys.map((k) => [k, value(depth + 1)]));
    };
    const pointersIn = (v: unknown, at: string, out: string[]): string[] => {
      out.push(at);
      if (v !== null && typeof v === 'object') for (const [k, inner] of Object.entries(v)) pointersIn(inner, childPointer(at, Array.isArray(v) ? Number(k) : k), out);
      return out;
    };
    let compared = 0;
    for (let n = 0; n < 400; n++) {
      const v = { message: value(0) };
      const text = JSON.stringify(v, null, next() < 0.5 ? 2 : undefined);
      const doc = new JsonDocument(text);
      assert.equal(doc.duplicateKeys.length, 0);
      const existing = pointersIn(v, '', []);
      const requests = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
        pointer: next() < 0.8 ? pick(existing) : `${pick(existing)}/missing`,
        prefer: next() < 0.5 ? ('key' as const) : ('value' as const),
      }));
      const early = locate(text, requests, true);
      const full = locate(text, requests, false);
      assert.deepEqual(early, full, `${text}\n${JSON.stringify(requests)}`);
      // The syntax tree's answer (jsonc-parser), the way a document JSON.parse refuses is placed.
      for (let i = 0; i < requests.length; i++) {
        const node = doc.nodeAt(requests[i]!.pointer);
        if (!node || requests[i]!.prefer !== 'value') continue;
        assert.deepEqual(early[i], { offset: node.offset, length: node.length }, `${text}\n${requests[i]!.pointer}`);
        compared++;
      }
    }
    assert.ok(compared > 200, `compared with the tree ${compared} times`);
  });

  it('still finds the value a repeated key keeps (the last), reading to the end', () => {
    const text = '{"message":{"title":"first","other":1,"title":"second"}}';
    const doc = new JsonDocument(text);
    assert.equal(doc.duplicateKeys.length, 1);
    const span = doc.spanOf('/message/title');
    assert.equal(text.slice(span.offset, span.offset + span.length), '"second"');
  });

  it('takes a key as found at the key: a finding about a list and one in its first item are placed without reading the other items', () => {
    const cards = Array.from({ length: 10 }, (_, i) => ({ title: `card ${i}`, description: 'd'.repeat(200) }));
    const text = JSON.stringify({ message: { carousel_message: { cards } } }, null, 2);
    // The text behind a proxy that notes the furthest place the scan looks at (charCodeAt, and where indexOf lands).
    let furthest = 0;
    const watched = new Proxy(new String(text), {
      get(target, prop) {
        const member: unknown = Reflect.get(target, prop);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          const result: unknown = (member as (...a: unknown[]) => unknown).apply(text, args);
          const at = prop === 'charCodeAt' ? (args[0] as number) : prop === 'indexOf' ? (result as number) : 0;
          furthest = Math.max(furthest, at);
          return result;
        };
      },
    }) as unknown as string;
    const requests = [{ pointer: '/message/carousel_message/cards', prefer: 'key' as const }, { pointer: '/message/carousel_message/cards/0/title' }];
    const spans = locate(watched, requests, true);
    assert.deepEqual(spans, locate(text, requests, false));
    assert.deepEqual(spans.map((s) => text.slice(s.offset, s.offset + s.length)), ['"cards"', '"card 0"']);
    assert.ok(furthest < text.indexOf('card 1'), `read up to ${furthest} of ${text.length}; the second card starts at ${text.indexOf('card 1')}`);
  });

  it('a key counts as found once, even in a text that breaks its promise of no repeated key', () => {
    const text = '{"a":1,"a":2,"b":3}';
    const requests = [{ pointer: '/a', prefer: 'key' as const }, { pointer: '/b' }];
    const at = (span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
    assert.deepEqual(locate(text, requests, true).map(at), ['"a"', '3']);
  });

  it('ends at the last pointer found: told by a text that breaks its promise of no repeated key', () => {
    // The early end is for texts without a repeated key; given one anyway, it keeps the first value where a full
    // scan (and JSON.parse) keeps the last, which shows that the scan ended there.
    const text = `{"message":{"title":"first","pad":${JSON.stringify('x'.repeat(1000))},"title":"second"}}`;
    const request = [{ pointer: '/message/title' }];
    const at = (span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
    assert.equal(at(locate(text, request, true)[0]!), '"first"');
    assert.equal(at(locate(text, request, false)[0]!), '"second"');
  });
});
