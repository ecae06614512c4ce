import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/core/check';
import { severityRank } from '../../../src/core/diagnostic';
import { assertClean, assertRangeConsistent, assertSeverity, check, codes, listDiagnostics, only, payload, text, underlined } from './testSupport';

describe('checkText: syntax', () => {
  it('an empty file is one json.syntax error at 0:0, not an exception', () => {
    for (const source of ['', ' ', '\n\n', '\r\n\t ']) {
      const result = checkText(source);
      assert.equal(result.diagnostics.length, 1, JSON.stringify(source));
      const d = result.diagnostics[0]!;
      assert.equal(d.code, 'json.syntax');
      assertSeverity(d, 'error');
      assert.match(d.message, /empty/);
      assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(d.pointer, '');
    }
  });

  it('a missing colon is reported at its line and character', () => {
    const source = '{\n  "app_id": "a",\n  "recipient" {}\n}';
    const result = checkText(source);
    const d = result.diagnostics[0]!;
    assert.equal(d.code, 'json.syntax');
    assert.match(d.message, /Colon expected/);
    assert.deepEqual(d.range.start, { line: 2, character: 14 });
    assert.equal(source.slice(d.offset, d.offset + d.length), '{');
  });

  it('a missing comma between properties is reported on the next property', () => {
    const source = '{\r\n  "app_id": "a"\r\n  "recipient": {}\r\n}';
    const d = checkText(source).diagnostics[0]!;
    assert.match(d.message, /Comma expected/);
    assert.deepEqual(d.range.start, { line: 2, character: 2 });
  });

  it('a trailing comma, a comment, a single-quoted string, an unterminated string are syntax errors', () => {
    const cases: [string, RegExp, { line: number; character: number }][] = [
      ['{\n  "a": 1,\n}', /expected/i, { line: 2, character: 0 }],
      ['{\n  // note\n  "a": 1\n}', /Comments are not allowed/, { line: 1, character: 2 }],
      ["{\n  'a': 1\n}", /Invalid symbol|Property name expected/, { line: 1, character: 2 }],
      ['{\n  "a": "open\n}', /Unterminated string/, { line: 1, character: 7 }],
    ];
    for (const [source, message, start] of cases) {
      const result = checkText(source);
      assert.ok(result.diagnostics.length >= 1, source);
      const d = result.diagnostics[0]!;
      assert.equal(d.code, 'json.syntax');
      assert.match(d.message, message, source);
      assert.deepEqual(d.range.start, start, source);
      for (const each of result.diagnostics) assertRangeConsistent(source, each);
    }
  });

  it('an unclosed object is reported at the end of the text', () => {
    const source = '{\n  "app_id": "a"';
    const d = checkText(source).diagnostics[0]!;
    assert.match(d.message, /Closing brace/);
    assert.deepEqual(d.range.start, { line: 1, character: 15 });
  });

  it('text after the payload is reported', () => {
    const source = JSON.stringify(payload({ text_message: { text: 'a' } })) + '\n{}';
    const d = only(checkText(source), 'json.syntax');
    assert.match(d.message, /End of file expected/);
    assert.deepEqual(d.range.start, { line: 1, character: 0 });
  });

  it('syntax errors stop the rules: a half-parsed payload reports only its syntax', () => {
    const broken = text({ card_message: { title: 'x'.repeat(50) } }).replace('"message":', '"message"');
    const result = checkText(broken);
    assert.deepEqual([...new Set(codes(result.diagnostics))], ['json.syntax'], listDiagnostics(result.diagnostics));
  });

  it('omitSyntax leaves syntax problems out (VS Code reports them)', () => {
    assert.deepEqual(checkText('{', { omitSyntax: true }).diagnostics, []);
    assert.deepEqual(checkText('', { omitSyntax: true }).diagnostics, []);
  });

  it('a payload that is not an object is a schema error, not an exception', () => {
    for (const source of ['[]', 'null', '42', '"text"', 'true', '[{"app_id": "a"}]']) {
      const result = checkText(source);
      const d = only(result, 'schema.type');
      assert.equal(d.pointer, '');
      assert.match(d.message, /The payload must be an object/);
    }
  });

  it('a byte order mark or odd whitespace never throws', () => {
    for (const source of ['\ufeff{}', '\u00a0{}', '{}\u2028', '\u0000']) {
      const result = checkText(source);
      for (const d of result.diagnostics) assertRangeConsistent(source, d);
    }
  });
});

describe('checkText: schema', () => {
  it('an empty object misses app_id, recipient and message: three schema.required errors', () => {
    const result = checkText('{}');
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.code} ${d.pointer}`),
      ['schema.required /app_id', 'schema.required /recipient', 'schema.required /message'],
    );
    for (const d of result.diagnostics) {
      assertSeverity(d, 'error');
      assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    }
  });

  for (const key of ['app_id', 'recipient', 'message']) {
    it(`a payload without ${key}: one schema.required naming it`, () => {
      const body = payload({ text_message: { text: 'Hi' } });
      delete body[key];
      const result = check(body);
      const d = only(result, 'schema.required');
      assert.equal(d.pointer, `/${key}`);
      assert.match(d.message, new RegExp(`"${key}"`));
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });
  }

  it('an unknown property is a warning on its key, with the right range', () => {
    const source = [
      '{',
      '  "app_id": "a",',
      '  "recipient": { "contact_id": "c" },',
      '  "message": { "text_message": { "text": "Hi", "colour": "red" } },',
      '  "priority": "high"',
      '}',
    ].join('\n');
    const result = checkText(source);
    assert.equal(result.diagnostics.length, 2, listDiagnostics(result.diagnostics));
    const [colour, priority] = result.diagnostics;
    assert.equal(colour!.code, 'schema.unknown-property');
    assertSeverity(colour!, 'warning');
    assert.equal(colour!.pointer, '/message/text_message/colour');
    assert.deepEqual(colour!.range, { start: { line: 3, character: 47 }, end: { line: 3, character: 55 } });
    assert.equal(underlined(result, colour!), '"colour"');
    assert.match(colour!.message, /"colour"/);
    assert.match(colour!.message, /"text_message"/);
    assert.equal(priority!.pointer, '/priority');
    assert.deepEqual(priority!.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 12 } });
    assert.match(priority!.message, /the payload/);
  });

  it('an unknown key with / and ~ is pointed at with escapes and underlined', () => {
    const result = check(payload({ text_message: { text: 'Hi' } }, { 'a/b~c': 1 }));
    const d = only(result, 'schema.unknown-property');
    assert.equal(d.pointer, '/a~1b~0c');
    assert.equal(underlined(result, d), '"a/b~c"');
  });

  it('wrong types name the expected type and underline the value', () => {
    const cases: [Record<string, unknown>, string, RegExp, string][] = [
      [{ app_id: 42 }, '/app_id', /must be a string/, '42'],
      [{ recipient: 'c' }, '/recipient', /must be an object/, '"c"'],
      [{ message: [] }, '/message', /must be an object/, '[]'],
      [{ message: { text_message: { text: 5 } } }, '/message/text_message/text', /must be a string/, '5'],
      [{ message: { card_message: { title: 't', choices: {} } } }, '/message/card_message/choices', /must be an array/, '{}'],
      [{ message: { location_message: { coordinates: { latitude: '35', longitude: 139 } } } }, '/message/location_message/coordinates/latitude', /must be a number/, '"35"'],
      [{ ttl: [] }, '/ttl', /must be a string or an integer/, '[]'],
      [{ channel_properties: { LINE_OPEN_STATUS: true } }, '/channel_properties/LINE_OPEN_STATUS', /must be a string/, 'true'],
    ];
    for (const [override, pointer, message, literal] of cases) {
      const result = check({ ...payload({ text_message: { text: 'Hi' } }), ...override });
      const d = result.diagnostics.find((x) => x.code === 'schema.type');
      assert.ok(d, `no schema.type for ${pointer}:\n${listDiagnostics(result.diagnostics)}`);
      assertSeverity(d, 'error');
      assert.equal(d.pointer, pointer);
      assert.match(d.message, message);
      assert.equal(underlined(result, d), literal);
    }
  });

  it('a missing required property inside a message points at its parent key', () => {
    const result = check(payload({ media_message: { thumbnail_url: 'https://example.com/t.jpg' } }));
    const d = only(result, 'schema.required');
    assert.equal(d.pointer, '/message/media_message/url');
    assert.equal(underlined(result, d), '"media_message"');
  });

  it('a wrong enum value lists the allowed values and mentions placeholders', () => {
    const result = check(payload({ text_message: { text: 'Hi' } }, { queue: 'URGENT' }));
    const d = only(result, 'schema.enum');
    assert.match(d.message, /"NORMAL_PRIORITY", "HIGH_PRIORITY"/);
    assert.match(d.message, /PLACEHOLDER/);
    assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
  });

  it('coordinates out of range: schema.range', () => {
    const result = check(payload({ location_message: { title: 'x', coordinates: { latitude: 90.5, longitude: -181 } } }));
    assert.deepEqual(codes(result.diagnostics), ['schema.range', 'schema.range']);
  });

  it('omitSchema leaves schema problems out and keeps the LINE rules', () => {
    const result = check(payload({ card_message: { title: 'x'.repeat(41), colour: 'red' } }), { omitSchema: true });
    assert.deepEqual(codes(result.diagnostics), ['card.title.too-long']);
  });
});

describe('checkText: result', () => {
  it('sorts diagnostics by offset, then by severity', () => {
    const result = check(
      payload({ card_message: { title: 'x'.repeat(41), description: 'y'.repeat(61), media_message: { url: 'http://example.com/a.gif' } } }, { extra: 1 }),
    );
    for (let i = 1; i < result.diagnostics.length; i++) {
      const a = result.diagnostics[i - 1]!;
      const b = result.diagnostics[i]!;
      assert.ok(a.offset < b.offset || (a.offset === b.offset && severityRank[a.severity] <= severityRank[b.severity]), listDiagnostics(result.diagnostics));
    }
  });

  it('every diagnostic range agrees with its offset and length', () => {
    const result = check(
      payload({ carousel_message: { cards: [{ title: 'x'.repeat(41), choices: Array.from({ length: 4 }, () => ({ text_message: { text: 'y'.repeat(25) } })) }, {}] } }, { channel_priority_order: ['SMS'] }),
    );
    assert.ok(result.diagnostics.length > 5);
    for (const d of result.diagnostics) assertRangeConsistent(result.document.text, d);
  });

  it('returns the parsed document and the anatomy', () => {
    const result = check(payload({ card_message: { title: 'T', media_message: { url: 'https://example.com/a.png' }, choices: [{ text_message: { text: 'OK' } }] } }));
    assert.equal(result.anatomy.kinds[0], 'card_message');
    assert.equal(result.anatomy.cards.length, 1);
    assert.equal(result.anatomy.choices.length, 1);
    assert.equal(result.anatomy.media[0]!.role, 'card-image');
    assert.ok(result.document.root);
  });

  it('a clean payload has no diagnostics', () => {
    assertClean(check(payload({ text_message: { text: 'Hello LINE' } })));
  });
});
