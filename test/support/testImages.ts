import { deflateSync } from 'node:zlib';

/**
 * Real, decodable image files made in memory, so no binary is committed. `totalBytes` pads the file to an exact
 * size with a chunk or segment every decoder skips, placed after the header so dimensions stay in the first bytes.
 */
export interface ImageOptions {
  totalBytes?: number;
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of one colour. */
export function createPng(width: number, height: number, options: ImageOptions = {}): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const row = Buffer.alloc(1 + width * 3, 0x80);
  row[0] = 0; // filter: none
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  const parts = [signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw))];
  const end = pngChunk('IEND', Buffer.alloc(0));
  const size = parts.reduce((n, p) => n + p.length, 0) + end.length;
  if (options.totalBytes !== undefined) {
    const padding = options.totalBytes - size - 12;
    if (padding < 0) throw new Error(`a ${width}x${height} PNG needs at least ${size + 12} bytes`);
    // Ancillary, private, safe-to-copy: decoders ignore it.
    parts.push(pngChunk('paDd', Buffer.alloc(padding)));
  }
  parts.push(end);
  return Buffer.concat(parts);
}

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/**
 * A baseline greyscale JPEG of one flat grey: SOI, APP0 (JFIF), DQT, SOF0 with the dimensions, two one-symbol
 * Huffman tables, SOS and an entropy-coded scan where every 8x8 block is "DC unchanged, end of block" (2 bits).
 */
export function createJpeg(width: number, height: number, options: ImageOptions = {}): Buffer {
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]));
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof = Buffer.from([0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00]);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  const sof0 = segment(0xc0, sof);
  const oneSymbolTable = (tableClass: number) => {
    const counts = Buffer.alloc(16);
    counts[0] = 1; // one code of length 1 ("0") ...
    return segment(0xc4, Buffer.concat([Buffer.from([tableClass << 4]), counts, Buffer.from([0x00])])); // ... for symbol 0
  };
  const sos = segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]));
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8));
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >> (bits % 8); // pad the last byte with 1 bits
  const eoi = Buffer.from([0xff, 0xd9]);
  const header = [soi, app0, dqt, sof0, oneSymbolTable(0), oneSymbolTable(1)];
  const tail = [sos, scan, eoi];
  const size = [...header, ...tail].reduce((n, p) => n + p.length, 0);
  const padding: Buffer[] = [];
  if (options.totalBytes !== undefined) {
    let remaining = options.totalBytes - size;
    if (remaining !== 0 && remaining < 4) throw new Error(`a ${width}x${height} JPEG cannot be padded to ${options.totalBytes} bytes`);
    while (remaining > 0) {
      let take = Math.min(remaining, 4 + 65533);
      if (remaining - take > 0 && remaining - take < 4) take -= 4;
      padding.push(segment(0xfe, Buffer.alloc(take - 4, 0x20))); // COM segments
      remaining -= take;
    }
  }
  return Buffer.concat([...header, ...padding, ...tail]);
}
