import { placeholderSpans } from '../payload/placeholders';

/**
 * How LINE counts the characters of a property (https://developers.line.biz/en/docs/messaging-api/text-character-count/):
 * in UTF-16 code units (JavaScript's `length`, an emoji such as 🍎 is two), except for the texts of actions and
 * templates, which it counts in grapheme clusters (what a reader sees as one character: 🍎, é written as e + ◌́,
 * 👍🏽 and 👨‍👩‍👧 are one each).
 */
export type CountUnit = 'utf16' | 'grapheme';

/** Made on first use: loading ICU's grapheme rules costs a process about 12 ms, and most payloads never need them. */
let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

/**
 * Text made only of these is one grapheme per code unit (ASCII, Latin, Greek, Cyrillic, punctuation such as — and …,
 * symbols and dingbats, kana, CJK ideographs, full-width forms): none of them joins a neighbour into one character,
 * so the length is the count. Anything else (emoji, combining marks, variation selectors, Hangul jamo, Thai vowels…)
 * goes to ICU.
 */
const oneUnitPerGrapheme =
  /^[\t\n\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u27bf\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u4e00-\u9fff\uff01-\uff9d]*$/;

/** Window of the grapheme walk: V8's segment iterator slows down with the length of the text it walks. */
const window = 1024;

/**
 * The end offset of each grapheme cluster, in order, until `visit` returns false. The text is walked in windows
 * that start at a boundary already found, so the walk is linear in the text (V8's segment iterator is not: 100,000
 * emoji take it about 40 s), and a window's last cluster, which may continue past it, starts the next window.
 */
function eachGraphemeEnd(value: string, visit: (end: number) => boolean): void {
  let start = 0;
  let size = window;
  while (start < value.length) {
    let end = Math.min(value.length, start + size);
    // Never between the halves of a surrogate pair: ICU would take the half as a character of its own and close
    // the cluster before it (👍 | 🏽), which is then counted as whole.
    if (end < value.length && isHighSurrogate(value.charCodeAt(end - 1))) end++;
    const text = value.slice(start, end);
    let last = 0;
    let lastStart = 0;
    for (const g of graphemes().segment(text)) {
      lastStart = g.index;
      last = g.index + g.segment.length;
      if (last === text.length && end < value.length) break;
      if (!visit(start + last)) return;
    }
    if (end === value.length) return;
    if (lastStart === 0) {
      // One cluster fills the whole window (a letter under thousands of marks): look further before deciding.
      size *= 2;
      continue;
    }
    start += lastStart;
    size = window;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The length of a text as LINE counts it for a property counted in `unit`. */
export function lineLength(value: string, unit: CountUnit = 'utf16'): number {
  if (unit === 'utf16' || oneUnitPerGrapheme.test(value)) return value.length;
  let count = 0;
  eachGraphemeEnd(value, () => (count++, true));
  return count;
}

/**
 * The longest prefix within the limit that splits neither a character (a surrogate pair; in `grapheme` counting, a
 * grapheme cluster) nor a `{{placeholder}}`: half a placeholder would be sent to the user as literal text.
 */
export function truncateToLimit(value: string, limit: number, unit: CountUnit = 'utf16'): string {
  if (value.length <= limit) return value;
  let end = limit;
  if (unit === 'grapheme' && !oneUnitPerGrapheme.test(value)) {
    // One walk, ended at the cluster past the limit: the text may be far longer than what is kept.
    let count = 0;
    let over = false;
    end = 0;
    eachGraphemeEnd(value, (at) => {
      if (count === limit) {
        over = true;
        return false;
      }
      count++;
      end = at;
      return true;
    });
    if (!over) return value;
  } else {
    const last = value.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
  }
  for (const [start, stop] of placeholderSpans(value)) {
    if (start < end && end < stop) end = start;
  }
  return value.slice(0, end);
}
