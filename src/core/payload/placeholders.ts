/** `{{NAME}}` placeholders are filled in at send time, so their final length and format are unknown here. */
const placeholderPattern = /\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}/;

export function hasPlaceholder(value: string): boolean {
  return placeholderPattern.test(value);
}

/** Where each placeholder sits in the text, as [start, end) offsets. */
export function placeholderSpans(value: string): [number, number][] {
  return [...value.matchAll(new RegExp(placeholderPattern.source, 'g'))].map((m) => [m.index!, m.index! + m[0].length]);
}

/** The text with every placeholder removed: its length is the least the value can have once they are filled in. */
export function withoutPlaceholders(value: string): string {
  return value.replace(new RegExp(placeholderPattern.source, 'g'), '');
}
