import * as assert from 'node:assert/strict';
import { lineLength, truncateToLimit } from '../../../src/core/line/textLength';

/** ICU's own count, in short pieces (V8's segment iterator slows down on long texts). */
function icuGraphemes(text: string): number {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

describe('counting characters as LINE does (textLength)', () => {
  it('UTF-16 code units by default: an emoji is two', () => {
    assert.equal(lineLength('🍎'), 2);
    assert.equal(lineLength('👨‍👩‍👧'), 8);
  });

  it('grapheme clusters: an emoji, a skin tone, a family, a flag, a decomposed é and CR LF are one each', () => {
    for (const one of ['🍎', '👍🏽', '👨‍👩‍👧', '🇯🇵', 'e\u0301', '\r\n', '❤️', 'が', 'ก่']) {
      assert.equal(lineLength(one, 'grapheme'), 1, JSON.stringify(one));
      assert.equal(lineLength(one + 'a' + one, 'grapheme'), 3, JSON.stringify(one));
    }
  });

  it('the shortcut for plain text agrees with ICU for every code unit it counts by length', () => {
    // Every BMP code unit the shortcut accepts, each between two neighbours of its own kind and of ASCII.
    const accepted: string[] = [];
    for (let code = 0; code < 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (lineLength(`${c}x`, 'grapheme') === 2 && lineLength(`${c}${c}`, 'grapheme') === 2 && /^[\s\S]{2}$/.test(`${c}x`)) accepted.push(c);
    }
    assert.ok(accepted.length > 30_000, `${accepted.length} code units take the shortcut`);
    for (let i = 0; i < accepted.length; i += 200) {
      const piece = accepted.slice(i, i + 200);
      const text = piece.map((c) => `${c}${c}a`).join('');
      assert.equal(lineLength(text, 'grapheme'), icuGraphemes(text), `code units ${piece[0]!.charCodeAt(0).toString(16)}…`);
    }
  });

  it('counts long texts of every kind exactly, across the windows of its walk', () => {
    // Some not aligned to the walk's 1024-unit windows, so that a window ends inside an emoji (👍 | 🏽).
    const texts = ['🇯🇵'.repeat(3000) + 'a', 'e' + '\u0301'.repeat(5000) + 'x', '👨‍👩‍👧'.repeat(700), 'ab😀'.repeat(900), '\r\n'.repeat(1500), 'x' + '👍🏽'.repeat(299), 'xy' + '👨‍👩‍👧‍👦'.repeat(400), 'a' + '🇯🇵'.repeat(600)];
    for (const text of texts) {
      let expected = 0;
      // ICU on the whole text, once: the reference the windowed walk must match.
      for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) expected++;
      assert.equal(lineLength(text, 'grapheme'), expected, text.slice(0, 12));
    }
  });

  it('cuts between characters: never half of an emoji, a cluster or a {{placeholder}}', () => {
    assert.equal(truncateToLimit('a😀b', 2), 'a');
    assert.equal(truncateToLimit('👍🏽'.repeat(50), 40, 'grapheme'), '👍🏽'.repeat(40));
    assert.equal(truncateToLimit('ab👨‍👩‍👧cd', 3, 'grapheme'), 'ab👨‍👩‍👧');
    assert.equal(truncateToLimit('Hi {{FIRST_NAME}}!', 8, 'grapheme'), 'Hi ');
    assert.equal(truncateToLimit('😀😀', 0, 'grapheme'), '');
    assert.equal(truncateToLimit('short', 40, 'grapheme'), 'short');
    // Within the limit as counted, though longer in UTF-16 units: kept whole.
    assert.equal(truncateToLimit('👍🏽'.repeat(40), 40, 'grapheme'), '👍🏽'.repeat(40));
    // A cut past the first window keeps the skin tone with its thumb.
    assert.equal(truncateToLimit('a'.repeat(1021) + '👍🏽' + 'b'.repeat(10), 1022, 'grapheme'), 'a'.repeat(1021) + '👍🏽');
  });
});
