import { type CountUnit, lineLength, truncateToLimit } from '../line/textLength';
import { placeholderSpans } from '../payload/placeholders';

export const ellipsis = '…';

// Word boundaries from ICU, so Japanese, Thai and Chinese text (no spaces) is cut between words too.
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Separators a writer would not leave at the end of a shortened text. */
const trailingSeparators = /[\s,;:\-–—/&(]+$/u;

/**
 * The longest prefix within `limit` that ends between two words, with trailing spaces and separators dropped.
 * Undefined when even the first word does not fit: then only an exact cut is possible.
 */
export function trimAtWordBoundary(value: string, limit: number, unit: CountUnit = 'utf16'): string | undefined {
  if (lineLength(value, unit) <= limit) return value;
  const exact = truncateToLimit(value, limit, unit);
  // Only the words up to the cut matter (and a few characters past it, to know where the last one ends): V8's
  // segment iterator slows down with the length of the text it walks, and the text may be huge.
  const ends = wordEnds(value.slice(0, exact.length + 64));
  let end = 0;
  for (const e of ends) {
    if (e > exact.length) break;
    end = e;
  }
  // A placeholder is one word: `{{FIRST_NAME}}` is never split, whatever ICU says about its braces.
  for (const [start, stop] of placeholderSpans(value)) if (start < end && end < stop) end = start;
  const trimmed = value.slice(0, end).replace(trailingSeparators, '');
  return trimmed === '' ? undefined : trimmed;
}

/** Cut at a word boundary with room for "…" (one character however counted), so the reader sees the text goes on. */
export function trimWithEllipsis(value: string, limit: number, unit: CountUnit = 'utf16'): string | undefined {
  if (lineLength(value, unit) <= limit || limit < 2) return undefined;
  const head = trimAtWordBoundary(value, limit - 1, unit);
  return head === undefined ? undefined : `${head.replace(/[.!?。]+$/u, '')}${ellipsis}`;
}

/** Offsets where a word (not a space or punctuation run) ends, plus the end of the text. */
function wordEnds(value: string): number[] {
  const ends: number[] = [];
  for (const s of words.segment(value)) {
    const end = s.index + s.segment.length;
    if (s.isWordLike || /[.!?。！？)\]」』]/u.test(s.segment)) ends.push(end);
  }
  for (const [, stop] of placeholderSpans(value)) ends.push(stop);
  ends.push(value.length);
  return ends.sort((a, b) => a - b);
}

/** What is left after `head`, with the spaces between them dropped: the part a "move" fix carries elsewhere. */
export function overflowAfter(value: string, head: string): string {
  return value.slice(head.length).replace(/^[\s,;:\-–—/&]+/u, '');
}

/** "…every LINE sticker" for a menu title: the end of a (possibly long) text, where the cut happens. */
export function showEnd(value: string, max = 24): string {
  const quoted = value.length > max ? `${ellipsis}${value.slice(value.length - max + 1).trimStart()}` : value;
  return `“${quoted.replace(/\s+/g, ' ')}”`;
}
