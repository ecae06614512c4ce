import * as assert from 'node:assert/strict';
import { lineLimits } from '../../../src/core/line/limits';
import {
  assertNone,
  assertSeverity,
  assertUnderlinesString,
  check,
  listDiagnostics,
  only,
  payload,
  text,
} from '../core/testSupport';

/** One limited string: where it sits in a payload, and what LINE allows. */
interface LimitCase {
  name: string;
  code: string;
  limit: number;
  severity: 'error' | 'warning';
  pointer: string;
  key: string;
  /** The payload holding `value` at `pointer`. */
  build: (value: string) => Record<string, unknown>;
  /** A value of exactly `length` UTF-16 units (defaults to x's). */
  fill?: (length: number) => string;
}

/** What LINE draws in a template or on a button: counted in grapheme clusters (textLength.ts). */
const graphemeCounted = new Set(['card.title.too-long', 'card.description.too-long', 'choice.text.too-long', 'button.label.long']);

const button = (label: string) => ({ text_message: { text: label }, postback_data: 'answer' });
const url = (length: number) => {
  const head = 'https://example.com/';
  const tail = '.png';
  return head + 'a'.repeat(length - head.length - tail.length) + tail;
};

const cases: LimitCase[] = [
  {
    name: 'card title',
    code: 'card.title.too-long',
    limit: 40,
    severity: 'error',
    pointer: '/message/card_message/title',
    key: 'title',
    build: (v) => payload({ card_message: { title: v, description: 'd' } }),
  },
  {
    name: 'card description',
    code: 'card.description.too-long',
    limit: 60,
    severity: 'error',
    pointer: '/message/card_message/description',
    key: 'description',
    build: (v) => payload({ card_message: { title: 't', description: v } }),
  },
  {
    name: 'carousel card title',
    code: 'card.title.too-long',
    limit: 40,
    severity: 'error',
    pointer: '/message/carousel_message/cards/1/title',
    key: 'title',
    build: (v) => payload({ carousel_message: { cards: [{ title: 'First', description: 'd' }, { title: v, description: 'd' }] } }),
  },
  {
    name: 'carousel card description',
    code: 'card.description.too-long',
    limit: 60,
    severity: 'error',
    pointer: '/message/carousel_message/cards/0/description',
    key: 'description',
    build: (v) => payload({ carousel_message: { cards: [{ title: 't', description: v }, { title: 't', description: 'd' }] } }),
  },
  {
    name: 'choice text',
    code: 'choice.text.too-long',
    limit: 160,
    severity: 'error',
    pointer: '/message/choice_message/text_message/text',
    key: 'text',
    build: (v) => payload({ choice_message: { text_message: { text: v }, choices: [button('OK')] } }),
  },
  {
    name: 'text message',
    code: 'text.too-long',
    limit: 5000,
    severity: 'error',
    pointer: '/message/text_message/text',
    key: 'text',
    build: (v) => payload({ text_message: { text: v } }),
  },
  {
    name: 'postback data',
    code: 'choice.postback.too-long',
    limit: 300,
    severity: 'error',
    pointer: '/message/choice_message/choices/0/postback_data',
    key: 'postback_data',
    build: (v) => payload({ choice_message: { text_message: { text: 'Pick' }, choices: [{ text_message: { text: 'OK' }, postback_data: v }] } }),
  },
  {
    name: 'postback data on a card button',
    code: 'choice.postback.too-long',
    limit: 300,
    severity: 'error',
    pointer: '/message/card_message/choices/0/postback_data',
    key: 'postback_data',
    build: (v) => payload({ card_message: { title: 't', choices: [{ text_message: { text: 'OK' }, postback_data: v }] } }),
  },
  {
    name: 'text button label',
    code: 'button.label.long',
    limit: 20,
    severity: 'warning',
    pointer: '/message/choice_message/choices/0/text_message/text',
    key: 'text',
    build: (v) => payload({ choice_message: { text_message: { text: 'Pick' }, choices: [button(v)] } }),
  },
  {
    name: 'url button label',
    code: 'button.label.long',
    limit: 20,
    severity: 'warning',
    pointer: '/message/card_message/choices/0/url_message/title',
    key: 'title',
    build: (v) => payload({ card_message: { title: 'Card', choices: [{ url_message: { title: v, url: 'https://example.com' } }] } }),
  },
  {
    name: 'call button label',
    code: 'button.label.long',
    limit: 20,
    severity: 'warning',
    pointer: '/message/choice_message/choices/1/call_message/title',
    key: 'title',
    build: (v) => payload({ choice_message: { text_message: { text: 'Pick' }, choices: [button('OK'), { call_message: { title: v, phone_number: '+15551231234' } }] } }),
  },
  {
    name: 'location button label',
    code: 'button.label.long',
    limit: 20,
    severity: 'warning',
    pointer: '/message/carousel_message/cards/0/choices/0/location_message/title',
    key: 'title',
    build: (v) =>
      payload({
        carousel_message: {
          cards: [{ title: 'Card', choices: [{ location_message: { title: v, coordinates: { latitude: 35.68, longitude: 139.76 } } }] }],
        },
      }),
  },
  {
    name: 'location title',
    code: 'location.title.too-long',
    limit: 100,
    severity: 'error',
    pointer: '/message/location_message/title',
    key: 'title',
    build: (v) => payload({ location_message: { title: v, label: 'Address', coordinates: { latitude: 35.68, longitude: 139.76 } } }),
  },
  {
    name: 'location label (LINE address)',
    code: 'location.label.too-long',
    limit: 100,
    severity: 'error',
    pointer: '/message/location_message/label',
    key: 'label',
    build: (v) => payload({ location_message: { title: 'Title', label: v, coordinates: { latitude: 35.68, longitude: 139.76 } } }),
  },
  {
    name: 'media URL',
    code: 'media.url.too-long',
    limit: 2000,
    severity: 'error',
    pointer: '/message/media_message/url',
    key: 'url',
    build: (v) => payload({ media_message: { url: v } }),
    fill: url,
  },
  {
    name: 'card image URL',
    code: 'media.url.too-long',
    limit: 2000,
    severity: 'error',
    pointer: '/message/card_message/media_message/url',
    key: 'url',
    build: (v) => payload({ card_message: { title: 't', media_message: { url: v } } }),
    fill: url,
  },
  {
    name: 'video thumbnail URL',
    code: 'media.url.too-long',
    limit: 2000,
    severity: 'error',
    pointer: '/message/media_message/thumbnail_url',
    key: 'thumbnail_url',
    build: (v) => payload({ media_message: { url: 'https://example.com/v.mp4', thumbnail_url: v } }),
    fill: url,
  },
  {
    name: 'channel property value',
    code: 'channel-property.too-long',
    limit: 1024,
    severity: 'error',
    pointer: '/channel_properties/LINE_OPEN_STATUS',
    key: 'LINE_OPEN_STATUS',
    build: (v) => payload({ text_message: { text: 'Hi' } }, { channel_properties: { LINE_OPEN_STATUS: v } }),
  },
];

describe('length rules at their boundaries', () => {
  it('uses the limits of the spec page and FACTS.md', () => {
    assert.equal(lineLimits.cardTitle, 40);
    assert.equal(lineLimits.cardDescription, 60);
    assert.equal(lineLimits.choiceText, 160);
    assert.equal(lineLimits.textMessage, 5000);
    assert.equal(lineLimits.postbackData, 300);
    assert.equal(lineLimits.buttonLabel, 20);
    assert.equal(lineLimits.locationTitle, 100);
    assert.equal(lineLimits.locationAddress, 100);
    assert.equal(lineLimits.mediaUrl, 2000);
    assert.equal(lineLimits.channelPropertyValue, 1024);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const fill = c.fill ?? ((n: number) => 'x'.repeat(n));

      it(`passes at ${c.limit}`, () => {
        const value = fill(c.limit);
        assert.equal(value.length, c.limit);
        const result = check(c.build(value));
        assertNone(result, c.code);
        assert.equal(result.diagnostics.filter((d) => d.severity === 'error').length, 0, listDiagnostics(result.diagnostics));
      });

      it(`reports ${c.code} (${c.severity}) at ${c.limit + 1}`, () => {
        const value = fill(c.limit + 1);
        const result = check(c.build(value));
        const d = only(result, c.code);
        assertSeverity(d, c.severity);
        assert.equal(d.pointer, c.pointer);
        assert.match(d.message, new RegExp(`\\b${c.limit + 1}\\b`), 'the message names the actual length');
        assert.match(d.message, new RegExp(`\\b${c.limit}\\b`), 'the message names the limit');
        assert.deepEqual(d.data, { limit: c.limit, actual: c.limit + 1, unit: graphemeCounted.has(c.code) ? 'grapheme' : 'utf16' });
        assertUnderlinesString(result, d, c.key, value);
        // Nothing else is wrong with the payload.
        const others = result.diagnostics.filter((o) => o !== d && o.severity !== 'information');
        assert.deepEqual(others, [], listDiagnostics(others));
      });
    });
  }
});

describe('card title: exact position of the diagnostic', () => {
  const source = [
    '{',
    '  "app_id": "01EXAMPLEAPP",',
    '  "recipient": { "contact_id": "01EXAMPLECONTACT" },',
    '  "message": {',
    '    "card_message": {',
    `      "title": "${'T'.repeat(41)}",`,
    '      "description": "Short"',
    '    }',
    '  }',
    '}',
  ].join('\n');

  it('underlines the title string literal on line 5, characters 15 to 58', () => {
    const result = check(source);
    assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
    const d = result.diagnostics[0]!;
    assert.equal(d.code, 'card.title.too-long');
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/message/card_message/title');
    assert.match(d.message, /41/);
    assert.match(d.message, /40/);
    assert.deepEqual(d.range, { start: { line: 5, character: 15 }, end: { line: 5, character: 58 } });
    assert.equal(source.slice(d.offset, d.offset + d.length), `"${'T'.repeat(41)}"`);
  });

  it('gives the same character positions with CRLF line ends', () => {
    const crlf = source.replace(/\n/g, '\r\n');
    const d = only(check(crlf), 'card.title.too-long');
    assert.deepEqual(d.range, { start: { line: 5, character: 15 }, end: { line: 5, character: 58 } });
    assert.equal(crlf.slice(d.offset, d.offset + d.length), `"${'T'.repeat(41)}"`);
  });

  it('counts the decoded value, not the escaped source, and underlines the raw literal', () => {
    const escaped40 = '\\u00e9'.repeat(40);
    const ok = check(source.replace(`"${'T'.repeat(41)}"`, `"${escaped40}"`));
    assertNone(ok, 'card.title.too-long');
    const escaped41 = '\\u00e9'.repeat(41);
    const bad = check(source.replace(`"${'T'.repeat(41)}"`, `"${escaped41}"`));
    const d = only(bad, 'card.title.too-long');
    assert.match(d.message, /41 characters/);
    assert.equal(d.length, escaped41.length + 2);
    assert.deepEqual(d.range, { start: { line: 5, character: 15 }, end: { line: 5, character: 15 + escaped41.length + 2 } });
  });
});

describe('length rules count as LINE does: UTF-16 code units, grapheme clusters for template texts and labels', () => {
  // https://developers.line.biz/en/docs/messaging-api/text-character-count/
  const card = (title: string, description = 'd') => text({ card_message: { title, description } });

  it('a 40-character Japanese title passes, 41 fails', () => {
    const ja40 = 'あいうえおかきくけこ'.repeat(4);
    assert.equal(ja40.length, 40);
    assertNone(check(card(ja40)), 'card.title.too-long');
    const result = check(card(ja40 + 'さ'));
    const d = only(result, 'card.title.too-long');
    assert.match(d.message, /41 characters/);
    assertUnderlinesString(result, d, 'title', ja40 + 'さ');
  });

  it('a title of 40 emoji (80 UTF-16 units) is within LINE\'s 40, with a warning that Sinch does not say how it counts', () => {
    const emoji40 = '😀'.repeat(40);
    assert.equal(emoji40.length, 80);
    const result = check(card(emoji40));
    const d = only(result, 'card.title.too-long');
    assertSeverity(d, 'warning');
    assert.match(d.message, /Card title is 40 characters as LINE counts them \(each emoji is one\), within its 40, but 80 UTF-16 code units/);
    // Its fix cuts to what both counts accept.
    assert.deepEqual(d.data, { limit: 40, actual: 80, unit: 'utf16', lineAccepts: true });
    assertUnderlinesString(result, d, 'title', emoji40);
  });

  it('41 emoji is an error that counts 41, not 82', () => {
    const result = check(card('😀'.repeat(41)));
    const d = only(result, 'card.title.too-long');
    assertSeverity(d, 'error');
    assert.match(d.message, /Card title is 41 characters \(counted as LINE does here: each emoji is one\); LINE allows at most 40\./);
    assert.deepEqual(d.data, { limit: 40, actual: 41, unit: 'grapheme' });
  });

  it('a skin-toned thumb, a ZWJ family and a flag are one character each', () => {
    for (const emoji of ['👍🏽', '👨‍👩‍👧', '🇯🇵', 'e\u0301']) {
      assert.ok(emoji.length >= 2);
      assertSeverity(only(check(card('a'.repeat(39) + emoji)), 'card.title.too-long'), 'warning');
      assertSeverity(only(check(card('a'.repeat(40) + emoji)), 'card.title.too-long'), 'error');
    }
  });

  it('a Japanese description of 60 passes, 61 fails', () => {
    const ja60 = 'ラインのカードです。'.repeat(6);
    assert.equal(ja60.length, 60);
    assertNone(check(card('t', ja60)), 'card.description.too-long');
    only(check(card('t', ja60 + '!')), 'card.description.too-long');
  });

  it('a button label of 20 emoji is within LINE\'s 20; 21 is over', () => {
    const choice = (label: string) => text({ choice_message: { text_message: { text: 'Pick' }, choices: [button(label)] } });
    assert.match(only(check(choice('🍣'.repeat(20))), 'button.label.long').message, /20 characters as LINE counts them/);
    assert.match(only(check(choice('🍣'.repeat(21))), 'button.label.long').message, /21 characters \(counted as LINE does here/);
  });

  it('a text message counts UTF-16 code units: 2500 emoji are 5000 and pass, one more fails', () => {
    assertNone(check(text({ text_message: { text: '😀'.repeat(2500) } })), 'text.too-long');
    assert.match(only(check(text({ text_message: { text: '😀'.repeat(2500) + 'a' } })), 'text.too-long').message, /5001 characters/);
  });

  it('postback data counts UTF-16 code units: 151 emoji are 302, over 300', () => {
    const choice = text({ choice_message: { text_message: { text: 'Pick' }, choices: [{ text_message: { text: 'OK' }, postback_data: '😀'.repeat(151) }] } });
    assert.match(only(check(choice), 'choice.postback.too-long').message, /302 characters/);
  });
});

describe('length rules with {{placeholders}}', () => {
  it('a title over the limit only because of a placeholder is a warning', () => {
    const title = 'Hello {{FIRST_NAME}}, ' + 'x'.repeat(20);
    assert.ok(title.length > 40 && title.replace('{{FIRST_NAME}}', '').length <= 40);
    const result = check(text({ card_message: { title } }));
    const d = only(result, 'card.title.too-long');
    assertSeverity(d, 'warning');
    assert.match(d.message, /placeholder/);
    assert.equal(d.pointer, '/message/card_message/title');
  });

  it('a title over the limit even without its placeholder is still an error', () => {
    const title = '{{FIRST_NAME}}' + 'x'.repeat(41);
    const d = only(check(text({ card_message: { title } })), 'card.title.too-long');
    assertSeverity(d, 'error');
  });

  it('applies to every error-level limit: text, postback, channel property', () => {
    const t = '{{BODY}}' + 'x'.repeat(4995);
    assertSeverity(only(check(text({ text_message: { text: t } })), 'text.too-long'), 'warning');
    const postback = '{{DATA}}' + 'x'.repeat(295);
    assertSeverity(
      only(check(text({ choice_message: { choices: [{ text_message: { text: 'OK' }, postback_data: postback }] } })), 'choice.postback.too-long'),
      'warning',
    );
    const property = '{{STATUS}}' + 'x'.repeat(1020);
    assertSeverity(only(check(text({ text_message: { text: 'Hi' } }, { channel_properties: { LINE_OPEN_STATUS: property } })), 'channel-property.too-long'), 'warning');
  });

  it('a button label stays a warning with or without a placeholder', () => {
    const result = check(text({ choice_message: { choices: [button('{{LABEL}}' + 'x'.repeat(15))] } }));
    assertSeverity(only(result, 'button.label.long'), 'warning');
  });

  it('a placeholder that keeps the text within the limit is not reported', () => {
    const result = check(text({ card_message: { title: 'Hi {{FIRST_NAME}}!' } }));
    assertNone(result, 'card.title.too-long');
  });
});
