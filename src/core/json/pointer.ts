export type PathSegment = string | number;

/** Property names recur in every payload (title, choices, media_message…): each is escaped once. */
const escapedNames = new Map<string, string>();

function escapeSegment(segment: PathSegment): string {
  if (typeof segment === 'number') return String(segment);
  let escaped = escapedNames.get(segment);
  if (escaped === undefined) {
    escaped = segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
    // Bounded: a file with a million distinct names must not keep them all.
    if (escapedNames.size >= 1000) escapedNames.clear();
    escapedNames.set(segment, escaped);
  }
  return escaped;
}

export function toPointer(path: readonly PathSegment[]): string {
  let pointer = '';
  for (const s of path) pointer += '/' + escapeSegment(s);
  return pointer;
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function childPointer(pointer: string, segment: PathSegment): string {
  return pointer + '/' + escapeSegment(segment);
}
