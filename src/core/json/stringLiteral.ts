const simpleEscapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Maps each UTF-16 unit of a decoded JSON string to its offset in the raw literal (quotes included), so that a
 * problem found in JSON held inside a string can be underlined at the right place in the file.
 * Returns undefined when the literal is not a well-formed JSON string. Runs between escapes are copied whole:
 * linear in the literal, however long.
 */
export function decodeStringLiteral(raw: string): { value: string; offsets: Int32Array } | undefined {
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return undefined;
  const parts: string[] = [];
  // Typed: one slot per unit of a string that may be megabytes long, without the growth of a plain array.
  const offsets = new Int32Array(raw.length);
  let count = 0;
  const end = raw.length - 1;
  let i = 1;
  while (i < end) {
    const slash = raw.indexOf('\\', i);
    const stop = slash === -1 || slash >= end ? end : slash;
    if (stop > i) {
      parts.push(raw.slice(i, stop));
      for (let k = i; k < stop; k++) offsets[count++] = k;
      i = stop;
      continue;
    }
    const next = raw[i + 1];
    // An escape must end before the closing quote: in `"a\"` the quote is escaped and the literal is unterminated.
    if (next !== undefined && i + 1 < end && next in simpleEscapes) {
      offsets[count++] = i;
      parts.push(simpleEscapes[next]!);
      i += 2;
    } else if (next === 'u' && i + 6 <= end && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      offsets[count++] = i;
      parts.push(String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)));
      i += 6;
    } else {
      return undefined;
    }
  }
  offsets[count++] = end;
  return { value: parts.join(''), offsets: offsets.subarray(0, count) };
}
