import { deflateSync } from 'node:zlib';

type Paint = (x: number, y: number) => [number, number, number, number];

/** A PNG made here, so the browser suites serve real images without files or network. */
export function png(width: number, height: number, paint: Paint): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    for (let x = 0; x < width; x++) rows.set(paint(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A simple landscape (sky, sun, hills) in a hue picked from `seed`, so different URLs look different. */
export function scene(width: number, height: number, seed: string): Buffer {
  const hue = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const [sr, sg, sb] = hsl(hue, 0.65, 0.72);
  const [hr, hg, hb] = hsl((hue + 140) % 360, 0.45, 0.42);
  const sunX = width * 0.7;
  const sunY = height * 0.32;
  const sunR = Math.min(width, height) * 0.14;
  return png(width, height, (x, y) => {
    const hill = height * (0.62 + 0.1 * Math.sin((x / width) * Math.PI * 2 + hue));
    if (y > hill) {
      const shade = 1 - ((y - hill) / height) * 0.8;
      return [hr * shade, hg * shade, hb * shade, 255];
    }
    if ((x - sunX) ** 2 + (y - sunY) ** 2 < sunR ** 2) return [255, 244, 214, 255];
    const t = y / height;
    return [sr + (255 - sr) * t * 0.6, sg + (255 - sg) * t * 0.6, sb + (255 - sb) * t * 0.6, 255];
  });
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  let crc = 0xffffffff;
  for (const byte of Buffer.concat([head.subarray(4), data])) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}
