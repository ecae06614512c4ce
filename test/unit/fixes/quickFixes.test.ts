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
    const title = 'a'.repeat(39) + '😀😀';
    const { fixed } = applyFirst(payload({ card_message: card({ title }) }), 'card.title.too-long');
    assert.equal((JSON.parse(fixed) as any).message.card_message.title, 'a'.repeat(39));
  });

  it('trims text with escapes and Japanese correctly', () => {
    const description = '日本語の説明\n'.repeat(10) + '"quoted"';
    const { fixed } = applyFirst(payload({ card_message: card({ description }) }), 'card.description.too-long');
    assert.equal((JSON.parse(fixed) as any).message.card_message.description, description.slice(0, 60));
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
    const fixed = applyEdits(text, fixesFor(d, document)[0]!.edits);
    assert.equal((JSON.parse(fixed) as any).message.card_message.title, 'Hello {{CUSTOMER_FIRST_NAME}}, order ');
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
