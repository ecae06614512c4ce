/** Files that are payloads by their name; package.json's jsonValidation says the same for VS Code's JSON service. */
export const payloadFileGlobs = ['**/*.line.json', '**/*.convapi.json'] as const;

export const payloadFilePattern = /\.(line|convapi)\.json$/i;

/** The patterns a directory is searched for, as a user reads them. */
export const payloadFilePatternsText = '*.line.json and *.convapi.json';

/** Far beyond any real payload (the API refuses much smaller requests), small enough to read safely. */
export const defaultMaxFileSizeMB = 10;

/** Editors may save a byte order mark; the API's JSON parser would not see one, so neither do the checks. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface DecodedPayload {
  /** The text to check; undefined when the bytes are not a UTF-8 text at all (UTF-16). */
  text: string | undefined;
  /** A problem with the bytes themselves, with its offset in `text` when there is one. */
  problem?: { message: string; offset: number };
}

/**
 * Decodes a payload file's bytes as the API will read them: UTF-8. A UTF-16 file is named as such (one finding,
 * not one per garbled character), and invalid UTF-8 is reported where it starts instead of silently becoming �.
 */
export function decodePayloadBytes(bytes: Uint8Array): DecodedPayload {
  const utf16 = utf16Kind(bytes);
  if (utf16) return { text: undefined, problem: { message: `This file is UTF-16 (${utf16}); payloads are UTF-8. Save it as UTF-8.`, offset: 0 } };
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    const offset = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, bad)).length;
    const hex = Array.from(body.subarray(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return { text, problem: { message: `Invalid UTF-8 at byte ${bad} (bytes ${hex}): the API would refuse or garble it; it is read here as �. Save the file as UTF-8.`, offset } };
  }
}

function utf16Kind(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian, with a byte order mark';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian, with a byte order mark';
  // Without a mark: JSON starts with ASCII, so UTF-16 shows as a zero byte beside each of the first characters.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'little-endian';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return 'big-endian';
  return undefined;
}

/** The index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
