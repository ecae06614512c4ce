import * as assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { imageSize } from 'image-size';
import { crc32, createJpeg, createPng } from '../../support/testImages';

describe('test image generators', () => {
  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });

  it('makes PNGs of the asked dimensions and exact size, with valid chunks', () => {
    const png = createPng(800, 600, { totalBytes: 300_000 });
    assert.equal(png.length, 300_000);
    assert.deepEqual(imageSize(png), { width: 800, height: 600, type: 'png' });
    let offset = 8;
    const types: string[] = [];
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      types.push(type);
      assert.equal(png.readUInt32BE(offset + 8 + length), crc32(png.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
      if (type === 'IDAT') assert.equal(inflateSync(png.subarray(offset + 8, offset + 8 + length)).length, 600 * (1 + 800 * 3));
      offset += 12 + length;
    }
    assert.deepEqual(types, ['IHDR', 'IDAT', 'paDd', 'IEND']);
  });

  it('makes baseline JPEGs with SOF0 dimensions in the first bytes and an exact size', () => {
    const jpeg = createJpeg(1040, 1040, { totalBytes: 3 * 1024 * 1024 });
    assert.equal(jpeg.length, 3 * 1024 * 1024);
    assert.deepEqual([...jpeg.subarray(0, 4)], [0xff, 0xd8, 0xff, 0xe0]);
    assert.deepEqual([...jpeg.subarray(-2)], [0xff, 0xd9]);
    assert.ok(jpeg.indexOf(Buffer.from([0xff, 0xc0])) < 200);
    assert.deepEqual(imageSize(jpeg.subarray(0, 65536)), { width: 1040, height: 1040, type: 'jpg' });
    assert.deepEqual(imageSize(createJpeg(1024, 678)), { width: 1024, height: 678, type: 'jpg' });
  });
});
