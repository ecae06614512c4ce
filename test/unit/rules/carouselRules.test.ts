import * as assert from 'node:assert/strict';
import { assertClean, assertNone, assertSeverity, check, listDiagnostics, only, text, underlined, withCode } from '../core/testSupport';

const button = (label: string) => ({ text_message: { text: label }, postback_data: label });
const card = (i: number, extra: Record<string, unknown> = {}) => ({
  title: `Card ${i}`,
  description: `Description ${i}`,
  media_message: { url: `https://example.com/card-${i}.jpg` },
  choices: [button('Yes'), button('No')],
  ...extra,
});
const carousel = (cards: unknown[], extra: Record<string, unknown> = {}) => text({ carousel_message: { cards, ...extra } });

describe('carousel rules', () => {
  it('10 alike cards pass with no diagnostic', () => {
    assertClean(check(carousel(Array.from({ length: 10 }, (_, i) => card(i + 1)))));
  });

  it('11 cards: carousel.too-many-cards on the "cards" key, once', () => {
    const result = check(carousel(Array.from({ length: 11 }, (_, i) => card(i + 1))));
    const d = only(result, 'carousel.too-many-cards');
    assertSeverity(d, 'error');
    assert.equal(d.pointer, '/message/carousel_message/cards');
    assert.equal(underlined(result, d), '"cards"');
    assert.match(d.message, /11 cards/);
    assert.match(d.message, /at most 10/);
    assert.deepEqual(d.data, { limit: 10, actual: 11 });
    assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
  });

  it('a card with a different number of buttons: carousel.uneven-buttons (warning) on that card only', () => {
    const result = check(carousel([card(1), card(2), card(3, { choices: [button('Only')] })]));
    const d = only(result, 'carousel.uneven-buttons');
    assertSeverity(d, 'warning');
    assert.equal(d.pointer, '/message/carousel_message/cards/2/choices');
    assert.equal(underlined(result, d), '"choices"');
    assert.match(d.message, /Carousel card 3 has 1 button /);
    assert.deepEqual(d.data, { expected: 2, actual: 1 });
    assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
  });

  it('a card without choices among cards with buttons is uneven, on the card', () => {
    const lone = card(2);
    delete (lone as Record<string, unknown>).choices;
    const result = check(carousel([card(1), lone, card(3)]));
    const d = only(result, 'carousel.uneven-buttons');
    assert.equal(d.pointer, '/message/carousel_message/cards/1');
    assert.match(d.message, /0 buttons/);
  });

  it('a card lacking the image the others have: carousel.uneven-image', () => {
    const noImage = card(2);
    delete (noImage as Record<string, unknown>).media_message;
    const result = check(carousel([card(1), noImage, card(3)]));
    const d = only(result, 'carousel.uneven-image');
    assertSeverity(d, 'warning');
    assert.equal(d.pointer, '/message/carousel_message/cards/1');
    assert.equal(underlined(result, d), '{', 'the card\'s first character, not the whole card');
    assert.match(d.message, /lacks an image/);
    assert.equal(result.diagnostics.length, 1, listDiagnostics(result.diagnostics));
  });

  it('the one card with an image among cards without: carousel.uneven-image says "has"', () => {
    const plain = (i: number) => ({ title: `Card ${i}`, description: 'd', choices: [button('Yes')] });
    const result = check(carousel([plain(1), plain(2), { ...plain(3), media_message: { url: 'https://example.com/x.png' } }]));
    const d = only(result, 'carousel.uneven-image');
    assert.equal(d.pointer, '/message/carousel_message/cards/2/media_message');
    assert.equal(underlined(result, d), '"media_message"');
    assert.match(d.message, /has an image/);
  });

  it('a card lacking the title the others have (missing or empty): carousel.uneven-title', () => {
    for (const title of [undefined, '']) {
      const untitled = card(1);
      if (title === undefined) delete (untitled as Record<string, unknown>).title;
      else untitled.title = title;
      const result = check(carousel([untitled, card(2), card(3)]));
      const d = only(result, 'carousel.uneven-title');
      assertSeverity(d, 'warning');
      assert.equal(d.pointer, '/message/carousel_message/cards/0');
      assert.match(d.message, /lacks a title/);
    }
  });

  it('cards that all lack an image and a title are even', () => {
    const bare = { description: 'Just text', choices: [button('OK')] };
    assertClean(check(carousel([bare, bare, bare])));
  });

  it('a single card is never uneven', () => {
    const result = check(carousel([{ description: 'Alone' }]));
    assertNone(result, 'carousel.uneven-buttons');
    assertNone(result, 'carousel.uneven-image');
    assertNone(result, 'carousel.uneven-title');
  });

  it('reports too many cards and uneven cards together', () => {
    const cards = Array.from({ length: 12 }, (_, i) => card(i + 1));
    cards[5] = card(6, { choices: [button('One')] });
    const result = check(carousel(cards));
    only(result, 'carousel.too-many-cards');
    assert.equal(withCode(result, 'carousel.uneven-buttons').length, 1);
  });

  it('an empty cards array is a schema error, not a rule crash', () => {
    const result = check(carousel([]));
    assert.ok(result.diagnostics.some((d) => d.code === 'schema.min-items' && d.pointer === '/message/carousel_message/cards'), listDiagnostics(result.diagnostics));
    assertNone(result, 'internal.rule-failed');
  });

  it('cards that are not objects are skipped by the rules and reported by the schema', () => {
    const result = check(carousel([card(1), 'card', null, 3]));
    assertNone(result, 'internal.rule-failed');
    assert.equal(withCode(result, 'schema.type').length, 3, listDiagnostics(result.diagnostics));
  });
});
