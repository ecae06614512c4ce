/**
 * Scanning helpers over a text that JSON.parse accepted: it is well-formed strict JSON, so a value's extent can be
 * found by matching brackets outside strings, without the checks and allocations of a general tokenizer.
 */

/** The index of the first character at or after `i` that is not JSON whitespace. */
export function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** `i` is at an opening quote: the index just past the closing one. */
export function stringEnd(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    let backslash = quote - 1;
    while (text.charCodeAt(backslash) === 92) backslash--;
    // An even number of backslashes before the quote escape each other, not the quote.
    if ((quote - 1 - backslash) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const structural = /["[\]{}]/g;

/** `i` is at the first character of a value: the index just past its last character. */
export function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 123 || c === 91) {
    // A loop over char codes, jumping over strings with indexOf: cheaper per character than a regex search.
    let depth = 0;
    for (let j = i; ; j++) {
      const d = text.charCodeAt(j);
      if (d === 34) j = stringEnd(text, j) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
  }
  let j = i + 1;
  for (;;) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9 || Number.isNaN(d)) return j;
    j++;
  }
}

/** The property name whose literal spans start..end (quotes included). */
export function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

export interface KeySpan {
  key: string;
  offset: number;
  length: number;
}

/** Every property name that repeats an earlier one of the same object, at the repetition. */
export function duplicateKeys(text: string): KeySpan[] {
  const found: KeySpan[] = [];
  // Iterative: the text may nest as deep as JSON.parse allows.
  const seen: (Set<string> | undefined)[] = [];
  let i = skipWhitespace(text, 0);
  let expectKey = false;
  for (; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (expectKey) {
        const key = keyAt(text, i, end);
        const keys = seen[seen.length - 1]!;
        if (keys.has(key)) found.push({ key, offset: i, length: end - i });
        else keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123) {
      seen.push(new Set());
      expectKey = true;
      i++;
    } else if (c === 91) {
      seen.push(undefined);
      i++;
    } else if (c === 125 || c === 93) {
      seen.pop();
      i++;
    } else if (c === 44) {
      expectKey = seen[seen.length - 1] !== undefined;
      i++;
    } else i++;
  }
  return found;
}

/** The offset of the first bracket nested deeper than `limit`, or undefined. */
export function offsetBeyondDepth(text: string, limit: number): number | undefined {
  // Nesting deeper than `limit` needs more than `limit` opening brackets: most texts are ruled out by a count.
  let opening = 0;
  for (let at = text.indexOf('{'); at !== -1 && opening <= limit; at = text.indexOf('{', at + 1)) opening++;
  for (let at = text.indexOf('['); at !== -1 && opening <= limit; at = text.indexOf('[', at + 1)) opening++;
  if (opening <= limit) return undefined;
  let depth = 0;
  structural.lastIndex = 0;
  for (let match = structural.exec(text); match; match = structural.exec(text)) {
    const d = text.charCodeAt(match.index);
    if (d === 34) structural.lastIndex = stringEnd(text, match.index);
    else if (d === 123 || d === 91) {
      if (++depth > limit) return match.index;
    } else depth--;
  }
  return undefined;
}

const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** Whether a string has no lone surrogate (String.prototype.isWellFormed, with a fallback for older runtimes). */
export function isWellFormed(s: string): boolean {
  return nativeWellFormed ? nativeWellFormed.call(s) : !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
