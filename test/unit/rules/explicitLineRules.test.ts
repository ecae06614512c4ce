import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/core/diagnostic';
import { LineIndex } from '../../../src/core/json/lineIndex';
import { assertClean, assertRangeConsistent, assertSeverity, check, listDiagnostics, only, specExamples, text, underlined } from '../core/testSupport';

const pointer = '/message/explicit_channel_message/LINE';
/** A payload whose explicit_channel_message.LINE holds `inner` (an object is serialized to a JSON string). */
const explicit = (inner: unknown) => text({ explicit_channel_message: { LINE: typeof inner === 'string' ? inner : JSON.stringify(inner) } });
const sticker = { type: 'sticker', packageId: '446', stickerId: '1988' };

/** Hand-written file text: `rawLiteral` is pasted as the LINE value exactly as it appears in the file. */
function fileWithRawLine(rawLiteral: string): string {
  return [
    '{',
    '  "app_id": "{{APP}}",',
    '  "recipient": {',
    '    "contact_id": "{{LINE_CONTACT}}"',
    '  },',
    '  "message": {',
    '    "explicit_channel_message": {',
    `      "LINE": ${rawLiteral}`,
    '    }',
    '  }',
    '}',
  ].join('\n');
}
const LINE_LINE = 7;
const VALUE_COLUMN = '      "LINE": '.length;

function assertInsideTheString(source: string, d: Diagnostic): void {
  const start = source.indexOf('"LINE": ') + '"LINE": '.length;
  const end = source.indexOf('\n', start);
  assert.ok(d.offset > start && d.offset + d.length <= end, `${d.code} at ${d.offset}+${d.length} should be inside the LINE string (${start}..${end})`);
  assertRangeConsistent(source, d);
}

describe('explicit_channel_message.LINE', () => {
  describe('the spec page sticker payload', () => {
    it('passes with no diagnostic, as written on the spec page', () => {
      const blocks = specExamples().filter((b) => b.text.includes('"explicit_channel_message"'));
      assert.equal(blocks.length, 1, 'the sticker payload is on the spec page');
      const sourceText = blocks[0]!.text;
      assert.match(sourceText, /"packageId\\": \\"446\\"/);
      assertClean(check(sourceText));
    });

    it('passes when built from objects, compact or spaced', () => {
      assertClean(check(explicit({ messages: [sticker] })));
      assertClean(check(explicit(JSON.stringify({ messages: [sticker] }, null, 2))));
    });
  });

  describe('broken JSON inside the string', () => {
    it('points inside the string at the right character after \\" \\n and \\u00e9 escapes', () => {
      // Inner JSON: a text message whose text has an escaped quote, a \n escape, an é written as \u00e9 in the
      // file, and a raw newline between tokens; then a second message missing its colon.
      const raw =
        '"{\\"messages\\": [{\\"type\\": \\"text\\", \\"text\\": \\"caf\\u00e9 \\\\\\"quoted\\\\\\" line\\\\nbreak\\"},\\n {\\"type\\" \\"sticker\\", \\"packageId\\": \\"1\\", \\"stickerId\\": \\"2\\"}]}"';
      const source = fileWithRawLine(raw);
      // The file really holds what we think: decode it and look at the inner text.
      const inner = (JSON.parse(source) as { message: { explicit_channel_message: { LINE: string } } }).message.explicit_channel_message.LINE;
      assert.ok(inner.includes('café \\"quoted\\" line\\nbreak'), inner);
      assert.ok(inner.includes('},\n {"type" "sticker"'), inner);

      const result = check(source);
      const d = only(result, 'explicit.line.json');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, pointer);
      assert.equal(underlined(result, d), '\\"sticker\\"');
      const expectedColumn = VALUE_COLUMN + raw.indexOf('\\"sticker\\"');
      assert.deepEqual(d.range, { start: { line: LINE_LINE, character: expectedColumn }, end: { line: LINE_LINE, character: expectedColumn + '\\"sticker\\"'.length } });
      assert.match(d.message, /Colon expected/);
      assert.match(d.message, new RegExp(`character ${inner.indexOf('"sticker"') + 1} of the string`));
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });

    it('points at the right character after raw non-ASCII text and emoji (no escapes)', () => {
      const raw = '"{\\"messages\\": [{\\"type\\": \\"text\\", \\"text\\": \\"日本語😀テキスト\\" \\"x\\"}]}"';
      const source = fileWithRawLine(raw);
      const result = check(source);
      const d = only(result, 'explicit.line.json');
      assert.equal(d.range.start.line, LINE_LINE);
      assert.equal(d.range.start.character, VALUE_COLUMN + raw.indexOf('\\"x\\"'));
      assert.equal(underlined(result, d), '\\"x\\"');
    });

    it('an inner string left open points at the end of the string, still inside the value', () => {
      const raw = '"{\\"messages\\": [{\\"type\\": \\"sticker"';
      const source = fileWithRawLine(raw);
      const result = check(source);
      const d = only(result, 'explicit.line.json');
      assertInsideTheString(source, d);
      assert.equal(d.range.start.line, LINE_LINE);
    });

    it('an unclosed body points inside the value', () => {
      const source = explicit('{"messages": [');
      const result = check(source);
      const d = only(result, 'explicit.line.json');
      assertInsideTheString(source, d);
    });

    it('a trailing comma and a comment are invalid JSON for LINE', () => {
      for (const body of ['{"messages": [{"type":"sticker","packageId":"1","stickerId":"2"},]}', '{"messages": [] /* none */}']) {
        const source = explicit(body);
        const d = only(check(source), 'explicit.line.json');
        assertInsideTheString(source, d);
      }
    });

    it('only the first syntax problem is reported', () => {
      only(check(explicit('{"messages" [} ] ,,')), 'explicit.line.json');
    });

    it('an empty or blank string: explicit.line.empty', () => {
      for (const body of ['', '   ']) {
        const d = only(check(explicit(body)), 'explicit.line.empty');
        assertSeverity(d, 'error');
      }
    });

    it('a body written entirely as a {{PLACEHOLDER}} is not judged', () => {
      assertClean(check(explicit('{{LINE_BODY}}')));
      assertClean(check(explicit(' {{ LINE_BODY }} ')));
    });
  });

  describe("LINE's contract", () => {
    it('sticker without stickerId: explicit.line.required on the message object', () => {
      const source = explicit({ messages: [{ type: 'sticker', packageId: '446' }] });
      const result = check(source);
      const d = only(result, 'explicit.line.required');
      assertSeverity(d, 'error');
      assert.equal(d.pointer, pointer);
      assert.equal(d.data?.innerPointer, '/messages/0/stickerId');
      assert.match(d.message, /stickerId/);
      assert.equal(underlined(result, d), '{');
      assertInsideTheString(source, d);
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });

    it('packageId as a number: explicit.line.type on the number', () => {
      const source = explicit({ messages: [{ type: 'sticker', packageId: 446, stickerId: '1988' }] });
      const result = check(source);
      const d = only(result, 'explicit.line.type');
      assertSeverity(d, 'error');
      assert.equal(underlined(result, d), '446');
      assert.match(d.message, /packageId/);
      assert.match(d.message, /string/);
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    });

    it('a text of 5000 passes, 5001 is explicit.line.max-length', () => {
      assertClean(check(explicit({ messages: [{ type: 'text', text: 'x'.repeat(5000) }] })));
      const result = check(explicit({ messages: [{ type: 'text', text: 'x'.repeat(5001) }] }));
      const d = only(result, 'explicit.line.max-length');
      assertSeverity(d, 'error');
      assert.equal(underlined(result, d), `\\"${'x'.repeat(5001)}\\"`);
      assert.match(d.message, /5000/);
    });

    it('an image with an http URL: explicit.line.https on that URL', () => {
      const result = check(explicit({ messages: [{ type: 'image', originalContentUrl: 'http://example.com/a.jpg', previewImageUrl: 'https://example.com/p.jpg' }] }));
      const d = only(result, 'explicit.line.https');
      assertSeverity(d, 'error');
      assert.equal(underlined(result, d), '\\"http://example.com/a.jpg\\"');
      assert.equal(d.data?.innerPointer, '/messages/0/originalContentUrl');
    });

    it('5 messages pass, 6 are explicit.line.max-items', () => {
      assertClean(check(explicit({ messages: Array.from({ length: 5 }, () => sticker) })));
      const d = only(check(explicit({ messages: Array.from({ length: 6 }, () => sticker) })), 'explicit.line.max-items');
      assertSeverity(d, 'error');
      assert.equal(d.data?.innerPointer, '/messages');
    });

    it('no messages at all: explicit.line.min-items or required', () => {
      only(check(explicit({ messages: [] })), 'explicit.line.min-items');
      only(check(explicit({})), 'explicit.line.required');
    });

    it('an unknown type: one explicit.line.enum on the type value', () => {
      const result = check(explicit({ messages: [{ type: 'carousel' }] }));
      assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
      const d = only(result, 'explicit.line.enum');
      assertSeverity(d, 'error');
      assert.equal(underlined(result, d), '\\"carousel\\"');
      assert.match(d.message, /"sticker"/);
    });

    it('an unknown property in a LINE message: explicit.line.unknown-property warning on its key', () => {
      const result = check(explicit({ messages: [{ ...sticker, colour: 'red' }] }));
      const d = only(result, 'explicit.line.unknown-property');
      assertSeverity(d, 'warning');
      assert.equal(underlined(result, d), '\\"colour\\"');
    });

    it('a body that is not an object: explicit.line.type', () => {
      only(check(explicit('[]')), 'explicit.line.type');
      only(check(explicit('"sticker"')), 'explicit.line.type');
    });

    it('a flex message is checked: a minimal bubble passes, a bubble with a bad box is caught inside it', () => {
      assertClean(check(explicit({ messages: [{ type: 'flex', altText: 'Menu', contents: { type: 'bubble' } }] })));
      const result = check(explicit({ messages: [{ type: 'flex', altText: 'Menu', contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [] } } }] }));
      const d = only(result, 'explicit.line.enum');
      assert.equal(d.innerPointer, '/messages/0/contents/body/layout');
    });

    it('each other LINE message type passes when complete', () => {
      const messages = [
        { type: 'text', text: 'Hello', quoteToken: 'q' },
        { type: 'image', originalContentUrl: 'https://example.com/a.jpg', previewImageUrl: 'https://example.com/a-small.jpg' },
        { type: 'video', originalContentUrl: 'https://example.com/v.mp4', previewImageUrl: 'https://example.com/v.jpg', trackingId: 'track-1' },
        { type: 'audio', originalContentUrl: 'https://example.com/a.m4a', duration: 60000 },
        { type: 'location', title: 'Tokyo Station', address: '1 Chome Marunouchi', latitude: 35.6812, longitude: 139.7671 },
      ];
      assertClean(check(explicit({ messages })));
    });

    it('a buttons template with every action type LINE defines passes', () => {
      const template = {
        type: 'template',
        altText: 'Menu',
        template: {
          type: 'buttons',
          thumbnailImageUrl: 'https://example.com/menu.jpg',
          imageAspectRatio: 'rectangle',
          imageSize: 'cover',
          title: 'Menu',
          text: 'Please select',
          defaultAction: { type: 'uri', label: 'View', uri: 'https://example.com' },
          actions: [
            { type: 'postback', label: 'Buy', data: 'action=buy&itemid=123', displayText: 'Buy' },
            { type: 'message', label: 'Hello', text: 'Hello' },
            { type: 'uri', label: 'Open', uri: 'https://example.com', altUri: { desktop: 'https://example.com/pc' } },
            { type: 'datetimepicker', label: 'Date', data: 'd', mode: 'date' },
          ],
        },
      };
      assertClean(check(explicit({ messages: [template] })));
    });

    it('a template action label over 20 characters is a warning, as for card buttons', () => {
      const template = (label: string) => ({
        messages: [{ type: 'template', altText: 'a', template: { type: 'buttons', text: 'Pick', actions: [{ type: 'message', label, text: 'ok' }] } }],
      });
      assertClean(check(explicit(template('x'.repeat(20)))));
      const d = only(check(explicit(template('x'.repeat(21)))), 'explicit.line.action.label-long');
      assertSeverity(d, 'warning');
      assert.equal(d.innerPointer, '/messages/0/template/actions/0/label');
      assert.equal(d.pointer, '/message/explicit_channel_message/LINE');
      assert.match(d.message, /\/messages\/0\/template\/actions\/0\/label/);
    });

    it('postback data over 300 is an error, a postback without data too', () => {
      const template = (action: object) => ({ messages: [{ type: 'template', altText: 'a', template: { type: 'buttons', text: 'Pick', actions: [action] } }] });
      assertSeverity(only(check(explicit(template({ type: 'postback', label: 'a', data: 'x'.repeat(301) }))), 'explicit.line.max-length'), 'error');
      assertSeverity(only(check(explicit(template({ type: 'postback', label: 'a' }))), 'explicit.line.required'), 'error');
    });

    it('a confirm template needs exactly 2 actions, a carousel at most 10 columns', () => {
      const action = { type: 'message', label: 'Yes', text: 'yes' };
      only(check(explicit({ messages: [{ type: 'template', altText: 'a', template: { type: 'confirm', text: 'Sure?', actions: [action] } }] })), 'explicit.line.min-items');
      const column = { text: 'Column', actions: [action] };
      assertClean(check(explicit({ messages: [{ type: 'template', altText: 'a', template: { type: 'carousel', columns: Array.from({ length: 10 }, () => column) } }] })));
      only(check(explicit({ messages: [{ type: 'template', altText: 'a', template: { type: 'carousel', columns: Array.from({ length: 11 }, () => column) } }] })), 'explicit.line.max-items');
    });

    it('every problem of a message is reported inside the string', () => {
      const source = explicit({ messages: [{ type: 'image', originalContentUrl: 'http://a.example/x.jpg' }, { type: 'audio', originalContentUrl: 'https://a.example/x.m4a', duration: 'long' }, sticker, { type: 'nope' }] });
      const result = check(source);
      assert.ok(result.diagnostics.length >= 4, listDiagnostics(result.diagnostics));
      for (const d of result.diagnostics) {
        assert.equal(d.pointer, pointer);
        assertInsideTheString(source, d);
      }
    });

    it('LINE explicit messages for other channels are not checked as LINE', () => {
      assertClean(check(text({ text_message: { text: 'Hi' }, explicit_channel_message: { WHATSAPP: '{not json' } })));
    });

    it('a LINE value that is not a string is a schema error only', () => {
      const result = check(text({ explicit_channel_message: { LINE: { messages: [sticker] } } }));
      assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.pointer}`), [`schema.type ${pointer}`]);
    });
  });

  it('positions stay right with CRLF line ends', () => {
    const raw = '"{\\"messages\\": [{\\"type\\": \\"sticker\\", \\"packageId\\": 446, \\"stickerId\\": \\"1\\"}]}"';
    const source = fileWithRawLine(raw).replace(/\n/g, '\r\n');
    const result = check(source);
    const d = only(result, 'explicit.line.type');
    assert.deepEqual(d.range.start, { line: LINE_LINE, character: VALUE_COLUMN + raw.indexOf('446') });
    assert.deepEqual(new LineIndex(source).positionAt(d.offset), d.range.start);
  });
});

describe('explicit_channel_message.LINE lengths count as LINE does: UTF-16 code units, grapheme clusters for template texts and labels', () => {
  // https://developers.line.biz/en/docs/messaging-api/text-character-count/
  const textMessage = (t: string) => explicit({ messages: [{ type: 'text', text: t }] });
  const confirm = (label: string, text = 'Sure?') => explicit({ messages: [{ type: 'template', altText: 'Q', template: { type: 'confirm', text, actions: [{ type: 'message', label, text: 'yes' }, { type: 'message', label: 'No', text: 'no' }] } }] });

  it('a 5000-unit text with an emoji passes, 5001 units fail', () => {
    assertClean(check(textMessage('a'.repeat(4998) + '😀')));
    const d = only(check(textMessage('a'.repeat(4999) + '😀')), 'explicit.line.max-length');
    assertSeverity(d, 'error');
  });

  it('Japanese counts one unit per character: 5000 pass, 5001 fail', () => {
    assertClean(check(textMessage('あ'.repeat(5000))));
    only(check(textMessage('あ'.repeat(5001))), 'explicit.line.max-length');
  });

  it('an action label of 20 emoji (40 units) passes, 21 is reported with 21', () => {
    assertClean(check(confirm('😀'.repeat(20))));
    const d = only(check(confirm('👍🏽'.repeat(21))), 'explicit.line.action.label-long');
    assert.match(d.message, /is 21 characters/);
    assert.deepEqual(d.data, { limit: 20, actual: 21, unit: 'grapheme', innerPointer: '/messages/0/template/actions/0/label' });
  });

  it('a confirm text of 240 emoji (480 units) passes the schema\'s maxLength, 241 does not', () => {
    assertClean(check(confirm('Yes', '😀'.repeat(240))));
    const d = only(check(confirm('Yes', '😀'.repeat(241))), 'explicit.line.max-length');
    assert.equal(d.innerPointer, '/messages/0/template/text');
  });

  it('a buttons title, a carousel column text and a postback displayText count grapheme clusters too; a text message\'s emoji do not', () => {
    const buttons = (title: string) => explicit({ messages: [{ type: 'template', altText: 'B', template: { type: 'buttons', title, text: 'Pick', actions: [{ type: 'postback', label: 'Go', data: 'go', displayText: '🍣'.repeat(300) }] } }] });
    assertClean(check(buttons('🍣'.repeat(40))));
    only(check(buttons('🍣'.repeat(41))), 'explicit.line.max-length');
    const carousel = (text: string) => explicit({ messages: [{ type: 'template', altText: 'C', template: { type: 'carousel', columns: [{ text, actions: [{ type: 'message', label: 'A', text: 'a' }] }] } }] });
    assertClean(check(carousel('🍣'.repeat(120))));
    only(check(carousel('🍣'.repeat(121))), 'explicit.line.max-length');
    // An imagemap's actions are not among LINE's action objects: a message action's text there counts UTF-16 units.
    const imagemap = (text: string) => explicit({ messages: [{ type: 'imagemap', baseUrl: 'https://example.com/map', altText: 'Map', baseSize: { width: 1040, height: 1040 }, actions: [{ type: 'message', text, area: { x: 0, y: 0, width: 520, height: 520 } }] }] });
    assertClean(check(imagemap('🍣'.repeat(200))));
    assert.equal(only(check(imagemap('🍣'.repeat(201))), 'explicit.line.max-length').innerPointer, '/messages/0/actions/0/text');
    // A location title is not in LINE's list: 50 emoji are 100 units, 51 are over.
    const location = (title: string) => explicit({ messages: [{ type: 'location', title, address: 'a', latitude: 1, longitude: 2 }] });
    assertClean(check(location('🍣'.repeat(50))));
    only(check(location('🍣'.repeat(51))), 'explicit.line.max-length');
  });
});
