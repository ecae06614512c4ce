/**
 * Maps each UTF-16 unit of a decoded JSON string to its offset in the raw literal (quotes included), so that a
 * problem found in JSON held inside a string can be underlined at the right place in the file.
 * Returns undefined when the literal is not a well-formed JSON string.
 */
export function decodeStringLiteral(raw: string): { value: string; offsets: number[] } | undefined {
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return undefined;
  let value = '';
  const offsets: number[] = [];
  let i = 1;
  const end = raw.length - 1;
  while (i < end) {
    const c = raw[i]!;
    if (c !== '\\') {
      offsets.push(i);
      value += c;
      i++;
      continue;
    }
    const next = raw[i + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    // An escape must end before the closing quote: in `"a\"` the quote is escaped and the literal is unterminated.
    if (next !== undefined && i + 1 < end && next in simple) {
      offsets.push(i);
      value += simple[next];
      i += 2;
    } else if (next === 'u' && i + 6 <= end && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      offsets.push(i);
      value += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      return undefined;
    }
  }
  offsets.push(end);
  return { value, offsets };
}
