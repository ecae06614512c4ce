import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/core/check';
import { fixesFor } from '../../../src/core/fixes/quickFixes';
import { applyEdits } from '../../../src/core/fixes/textEdit';
import { JsonDocument } from '../../../src/core/json/jsonDocument';

function payload(message: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message, ...extra }, null, 2);
}

function onlyFix(text: string, code: string) {
  const { diagnostics, document } = checkText(text);
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `expected a ${code} diagnostic, got ${diagnostics.map((d) => d.code).join(', ')}`);
  const fixes = fixesFor(diagnostic, document);
  assert.ok(fixes.length > 0, `expected a fix for ${code}`);
  return fixes;
}

function applyFirst(text: string, code: string) {
  const [fix] = onlyFix(text, code);
  const fixed = applyEdits(text, fix!.edits);
  const after = checkText(fixed);
  assert.equal(new JsonDocument(fixed).syntaxProblems.length, 0, 'the fixed text is valid JSON');
  assert.ok(!after.diagnostics.some((d) => d.code === code), `${code} is gone after "${fix!.title}"`);
  return { fix: fix!, fixed, after };
}

const card = (over: Record<string, unknown> = {}) => ({
  title: 'Title',
  description: 'Description',
  media_message: { url: 'https://example.com/a.png' },
  choices: [{ text_message: { text: 'Yes' }, postback_data: 'yes' }],
  ...over,
});

describe('quick fixes', () => {
  it('trims a card title to 40 characters and leaves no error', () => {
    const { fixed, after } = applyFirst(payload({ card_message: card({ title: 'x'.repeat(45) }) }), 'card.title.too-long');
    assert.equal((JSON.parse(fixed) as any).message.card_message.title, 'x'.repeat(40));
    assert.equal(after.diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('never trims in the middle of an emoji (surrogate pair)', () => {
    // A text message counts UTF-16 code units: the cut at 5000 would fall inside the last emoji.
    const long = 'a'.repeat(4999) + '😀😀';
    const text = payload({ text_message: { text: long } });
    const fixed = applyEdits(text, onlyFix(text, 'text.too-long').at(-1)!.edits);
    assert.equal((JSON.parse(fixed) as any).message.text_message.text, 'a'.repeat(4999));
  });

  it('trims a title as LINE counts it: 40 characters of emoji, never half of one', () => {
    const title = '👍🏽'.repeat(41);
    const text = payload({ card_message: card({ title }) });
    const exact = onlyFix(text, 'card.title.too-long').at(-1)!;
    assert.match(exact.title, /^Trim to 40 characters/);
    assert.equal((JSON.parse(applyEdits(text, exact.edits)) as any).message.card_message.title, '👍🏽'.repeat(40));
  });

  it('a title within LINE\'s count but over 40 UTF-16 units is cut to 40 units by its fix, a whole emoji at a time', () => {
    const title = 'a'.repeat(37) + '😀😀';
    const text = payload({ card_message: card({ title }) });
    const fixed = applyEdits(text, onlyFix(text, 'card.title.too-long').at(-1)!.edits);
    assert.equal((JSON.parse(fixed) as any).message.card_message.title, 'a'.repeat(37) + '😀');
  });

  it('trims text with escapes and Japanese correctly', () => {
    const description = '日本語の説明\n'.repeat(10) + '"quoted"';
    const text = payload({ card_message: card({ description }) });
    const exact = onlyFix(text, 'card.description.too-long').at(-1)!;
    assert.match(exact.title, /^Trim to 60 characters/);
    assert.equal((JSON.parse(applyEdits(text, exact.edits)) as any).message.card_message.description, description.slice(0, 60));
  });

  it('replaces http: with https: as the preferred fix', () => {
    const { fix, fixed } = applyFirst(payload({ media_message: { url: 'http://example.com/a.jpg?x=http:' } }), 'media.http');
    assert.equal(fix.isPreferred, true);
    assert.equal((JSON.parse(fixed) as any).message.media_message.url, 'https://example.com/a.jpg?x=http:');
  });

  it('adds a thumbnail_url to a video, keeping the file formatted', () => {
    const { fixed, after } = applyFirst(payload({ media_message: { url: 'https://example.com/v.mp4' } }), 'media.thumbnail-missing');
    assert.equal((JSON.parse(fixed) as any).message.media_message.thumbnail_url, '{{THUMBNAIL_URL}}');
    assert.match(fixed, /\n {6}"thumbnail_url": "\{\{THUMBNAIL_URL\}\}"/);
    assert.equal(after.diagnostics.length, 0);
  });

  it('drops the buttons beyond 4 on a card, keeping the first four untouched', () => {
    const choices = [1, 2, 3, 4, 5, 6].map((n) => ({ text_message: { text: `B${n}` }, postback_data: `${n}` }));
    const { fixed, fix } = applyFirst(payload({ card_message: card({ choices }) }), 'card.too-many-buttons');
    assert.equal(fix.title, 'Remove the last 2 buttons (keep 4)');
    assert.deepEqual((JSON.parse(fixed) as any).message.card_message.choices, choices.slice(0, 4));
  });

  it('drops the buttons beyond 3 on a carousel card', () => {
    const choices = [1, 2, 3, 4].map((n) => ({ text_message: { text: `B${n}` } }));
    const text = payload({ carousel_message: { cards: [card({ choices }), card({ choices: choices.slice(0, 3) })] } });
    const { fixed } = applyFirst(text, 'carousel.card.too-many-buttons');
    assert.equal((JSON.parse(fixed) as any).message.carousel_message.cards[0].choices.length, 3);
  });

  it('moves cards beyond 10 into new payload files of at most 10 cards', () => {
    const cards = Array.from({ length: 23 }, (_, i) => card({ title: `Card ${i + 1}` }));
    const text = payload({ carousel_message: { cards } }, { callback_url: 'https://example.com/cb' });
    const { fix, fixed, after } = applyFirst(text, 'carousel.too-many-cards');
    assert.equal((JSON.parse(fixed) as any).message.carousel_message.cards.length, 10);
    assert.equal(after.diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.deepEqual(fix.newFiles!.map((f) => f.nameSuffix), ['part2', 'part3']);
    const part2 = JSON.parse(fix.newFiles![0]!.content);
    const part3 = JSON.parse(fix.newFiles![1]!.content);
    assert.deepEqual(part2.message.carousel_message.cards.map((c: any) => c.title), cards.slice(10, 20).map((c) => c.title));
    assert.deepEqual(part3.message.carousel_message.cards.map((c: any) => c.title), cards.slice(20).map((c) => c.title));
    assert.equal(part2.callback_url, 'https://example.com/cb');
    for (const f of fix.newFiles!) assert.equal(checkText(f.content).diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('splits a message with two types: move or remove the extra one', () => {
    const text = payload({ text_message: { text: 'Hi' }, card_message: card() });
    const fixes = onlyFix(text, 'message.multiple-types');
    assert.deepEqual(fixes.map((f) => f.title), ['Move card_message into a new payload file', 'Remove card_message']);
    const moved = applyEdits(text, fixes[0]!.edits);
    assert.deepEqual(Object.keys((JSON.parse(moved) as any).message), ['text_message']);
    assert.deepEqual(Object.keys(JSON.parse(fixes[0]!.newFiles![0]!.content).message), ['card_message']);
    assert.equal(checkText(moved).diagnostics.length, 0);
  });

  it('offers no fix where none is obvious', () => {
    const { diagnostics, document } = checkText(payload({ media_message: { url: 'https://example.com/a.gif' } }));
    const d = diagnostics.find((x) => x.code === 'media.unsupported-format')!;
    assert.deepEqual(fixesFor(d, document), []);
  });

  it('keeps tab indentation and CRLF line ends when inserting', () => {
    const text = payload({ media_message: { url: 'https://example.com/v.mp4' } }).replace(/ {2}/g, '\t').replace(/\n/g, '\r\n');
    const { fixed } = applyFirst(text, 'media.thumbnail-missing');
    assert.match(fixed, /\r\n\t\t\t"thumbnail_url"/);
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
  });
});

describe('quick fixes and placeholders', () => {
  it('never cuts a {{placeholder}} in half when trimming', () => {
    const title = 'Hello {{CUSTOMER_FIRST_NAME}}, order {{ORDER_ID}} is ready now';
    const text = JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message: { card_message: { title, choices: [{ text_message: { text: 'ok' } }] } } });
    const { diagnostics, document } = checkText(text);
    const d = diagnostics.find((x) => x.code === 'card.title.too-long')!;
    const fixes = fixesFor(d, document);
    const titles = fixes.map((f) => (JSON.parse(applyEdits(text, f.edits)) as any).message.card_message.title as string);
    // The exact cut would only add a trailing space to the word-boundary one, so it is not offered twice.
    assert.deepEqual(titles, ['Hello {{CUSTOMER_FIRST_NAME}}, order', 'Hello {{CUSTOMER_FIRST_NAME}}, order…', 'Hello {{CUSTOMER_FIRST_NAME}}, order']);
    assert.deepEqual(fixes.map((f) => f.title.split(':')[0]), ['Trim at a word boundary', 'Trim at a word boundary and end with “…”', 'Move “{{ORDER_ID}} is ready now” into the description']);
  });
});

describe('shortening prose a writer would accept', () => {
  const long = 'Summer sale: 20% off every LINE sticker, only until Sunday';
  const fixesOf = (text: string, code: string) => {
    const { diagnostics, document } = checkText(text);
    const d = diagnostics.find((x) => x.code === code);
    assert.ok(d, code);
    return fixesFor(d, document).map((f) => ({ title: f.title, fixed: applyEdits(text, f.edits) }));
  };

  it('offers a word-boundary cut, the same with "…", moving the overflow, and the exact cut last', () => {
    const text = payload({ card_message: card({ title: long, description: 'Tap below.' }) });
    const fixes = fixesOf(text, 'card.title.too-long');
    const cards = fixes.map((f) => (JSON.parse(f.fixed) as any).message.card_message);
    assert.deepEqual(cards.map((c) => c.title), [
      'Summer sale: 20% off every LINE sticker',
      'Summer sale: 20% off every LINE sticker…',
      'Summer sale: 20% off every LINE sticker',
      'Summer sale: 20% off every LINE sticker,',
    ]);
    assert.equal(cards[2].description, 'only until Sunday Tap below.');
    assert.deepEqual(cards.map((c) => c.description).filter((_, i) => i !== 2), ['Tap below.', 'Tap below.', 'Tap below.']);
    assert.match(fixes[0]!.title, /^Trim at a word boundary: “…off every LINE sticker”$/);
    assert.match(fixes[2]!.title, /^Move “only until Sunday” into the description$/);
    assert.match(fixes[3]!.title, /^Trim to 40 characters$/);
    for (const f of fixes) {
      assert.ok(!checkText(f.fixed).diagnostics.some((d) => d.severity === 'error'), `${f.title} leaves no error`);
    }
  });

  it('labels the exact cut when it splits a word, and never offers it twice', () => {
    const title = 'Big discounts on every LINE sticker until Sunday';
    const fixes = fixesOf(payload({ card_message: card({ title }) }), 'card.title.too-long');
    const last = fixes.at(-1)!;
    assert.equal(last.title, 'Trim to 40 characters exactly: “…every LINE sticker unti”');
    assert.equal(new Set(fixes.map((f) => f.fixed)).size, fixes.length);
  });

  it('adds a description when the card has none, keeping the file formatted', () => {
    const text = payload({ card_message: { title: long, choices: [{ text_message: { text: 'ok' } }] } });
    const move = fixesOf(text, 'card.title.too-long').find((f) => f.title.startsWith('Move'))!;
    const parsed = JSON.parse(move.fixed) as any;
    assert.equal(parsed.message.card_message.description, 'only until Sunday');
    assert.match(move.fixed, /\n {6}"description": "only until Sunday"/);
  });

  it('does not move the overflow when the description has no room for it', () => {
    const text = payload({ card_message: card({ title: long, description: 'd'.repeat(50) }) });
    assert.ok(!fixesOf(text, 'card.title.too-long').some((f) => f.title.startsWith('Move')));
  });

  it('cuts Japanese between words, and descriptions and choice texts the same way', () => {
    const description = '今週末まで全てのスタンプが二十パーセント割引になります。'.repeat(3);
    const fixes = fixesOf(payload({ card_message: card({ description }) }), 'card.description.too-long');
    const cut = (JSON.parse(fixes[0]!.fixed) as any).message.card_message.description as string;
    assert.ok(cut.length <= 60 && description.startsWith(cut), cut);
    assert.ok(fixes[0]!.title.startsWith('Trim at a word boundary'));
    const words = [...new Intl.Segmenter('ja', { granularity: 'word' }).segment(description)].map((s) => s.index);
    assert.ok(words.includes(cut.length) || /[。]$/.test(cut), `${cut} ends between words`);
    const choice = fixesOf(payload({ choice_message: { text_message: { text: `${'Pick a time that suits you best. '.repeat(5)}Thanks` }, choices: [{ text_message: { text: 'ok' } }] } }), 'choice.text.too-long');
    assert.deepEqual(choice.map((f) => f.title.split(':')[0]).slice(0, 2), ['Trim at a word boundary', 'Trim at a word boundary and end with “…”']);
    assert.match((JSON.parse(choice[0]!.fixed) as any).message.choice_message.text_message.text, /suits you$/);
  });

  it('cuts postback data exactly: it is data, not prose', () => {
    const fixes = fixesOf(payload({ card_message: card({ choices: [{ text_message: { text: 'Go' }, postback_data: 'word '.repeat(70) }] }) }), 'choice.postback.too-long');
    assert.deepEqual(fixes.map((f) => f.title), ['Trim to 300 characters']);
  });
});

describe('moving an extra message type into its own file', () => {
  it('moves the type alone: explicit and channel-specific messages stay, the agent goes along', () => {
    const text = JSON.stringify({
      app_id: 'A',
      recipient: { contact_id: 'C' },
      message: {
        text_message: { text: 'Hi' },
        card_message: { title: 'T', choices: [{ text_message: { text: 'ok' } }] },
        explicit_channel_message: { LINE: '{"messages":[{"type":"sticker","packageId":"446","stickerId":"1988"}]}' },
        channel_specific_message: { LINE: { message_type: 'NOTIFICATION_MESSAGE_TEMPLATE', message: { template_key: 'k', body: {} } } },
        agent: { display_name: 'Ann' },
      },
    }, null, 2);
    const { diagnostics, document } = checkText(text);
    const d = diagnostics.find((x) => x.code === 'message.multiple-types')!;
    const move = fixesFor(d, document).find((f) => f.newFiles)!;
    const moved = JSON.parse(move.newFiles![0]!.content);
    assert.deepEqual(Object.keys(moved.message), ['agent', 'card_message']);
    const kept = JSON.parse(applyEdits(text, move.edits));
    assert.deepEqual(Object.keys(kept.message), ['text_message', 'explicit_channel_message', 'channel_specific_message', 'agent']);
  });
});
