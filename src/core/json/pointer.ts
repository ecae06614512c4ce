export type PathSegment = string | number;

function escapeSegment(segment: PathSegment): string {
  if (typeof segment === 'number') return String(segment);
  const s = segment;
  // Most segments are plain property names or indexes: skip the regex work on the hot path.
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
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
