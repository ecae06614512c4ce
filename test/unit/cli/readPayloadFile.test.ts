// The CLI reads payload files with Node's native UTF-8 decoding and goes back to the bytes only when the text may
// hold a problem: whatever the bytes, the outcome must be the one decodePayloadBytes gives for them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPayloadFile } from '../../../src/cli/payloadFiles';
import { decodePayloadBytes } from '../../../src/core/payloadFiles';
import { seededRandom } from '../../support/seededRandom';

const maxBytes = 1024 * 1024;

describe('readPayloadFile: the same text and problems as decodePayloadBytes, read natively', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-read-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** What readPayloadFile says of the bytes, without the file's identity (compared on its own below). */
  function read(bytes: Uint8Array, limit = maxBytes): unknown {
    const file = join(dir, `f${n++}.line.json`);
    writeFileSync(file, bytes);
    const outcome = readPayloadFile(file, limit);
    if ('unreadable' in outcome) return outcome;
    const { identity, ...decoded } = outcome;
    assert.match(identity, /^\d+:\d+$/);
    return decoded;
  }

  function same(bytes: Uint8Array, what: string): void {
    assert.deepEqual(read(bytes), decodePayloadBytes(bytes), what);
  }

  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const json = '{"message":{"text_message":{"text":"Hi ☕ 😀"}}}';

  it('plain UTF-8, a byte order mark (only the first is dropped), an empty file', () => {
    same(utf8(json), 'plain');
    same(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(json)]), 'with a byte order mark');
    same(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), utf8(json)]), 'two byte order marks');
    same(new Uint8Array(0), 'empty');
  });

  it('UTF-16 in both byte orders, with and without a byte order mark, is named as such', () => {
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]),
      Buffer.from(json, 'utf16le'),
      Buffer.from(json, 'utf16le').swap16(),
    ]) {
      const outcome = read(bytes) as { text?: string; problem?: { message: string } };
      assert.ok(outcome.text === undefined && /UTF-16/.test(outcome.problem!.message), JSON.stringify(outcome));
      assert.deepEqual(outcome, decodePayloadBytes(bytes));
    }
  });

  it('invalid UTF-8 is named at its byte and place; a real U+FFFD or NUL in valid UTF-8 is no problem', () => {
    same(Buffer.concat([utf8('{"a":"caf'), Buffer.from([0xe9]), utf8('"}')]), 'Latin-1 é');
    same(Buffer.concat([utf8('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), utf8('"}')]), 'an encoded surrogate');
    same(Buffer.concat([utf8('{"a":"x'), Buffer.from([0xf0, 0x9f, 0x98]), utf8('"}')]), 'a cut four-byte sequence');
    same(Buffer.concat([utf8('{"a":"'), Buffer.from([0xc0, 0xaf]), utf8('"}')]), 'an overlong encoding');
    same(utf8('{"a":"\uFFFD is a character"}'), 'U+FFFD written in UTF-8');
    same(utf8('{"a":"x\u0000y"}'), 'NUL inside');
    same(utf8('\u0000{}'), 'NUL first');
  });

  it('a file of invalid UTF-8 near the size limit is read, not refused: each bad byte decodes to 3 bytes of U+FFFD', () => {
    const bytes = Buffer.concat([utf8('{"a":"'), Buffer.alloc(600, 0xe9), utf8('"}')]);
    const outcome = read(bytes, 1024) as { text: string; problem: { message: string } };
    assert.deepEqual(outcome, decodePayloadBytes(bytes));
    assert.match(outcome.problem.message, /^Invalid UTF-8 at byte 6 /);
  });

  it('names a file by device and inode: two hard links are one file, a copy is another', () => {
    const a = join(dir, 'a.line.json');
    writeFileSync(a, json);
    linkSync(a, join(dir, 'hard.line.json'));
    writeFileSync(join(dir, 'copy.line.json'), json);
    const identity = (name: string) => (readPayloadFile(join(dir, name), maxBytes) as { identity: string }).identity;
    assert.equal(identity('hard.line.json'), identity('a.line.json'));
    assert.notEqual(identity('copy.line.json'), identity('a.line.json'));
  });

  it('random bytes and random mixes of text and bad bytes: 2,000 files', () => {
    const next = seededRandom(7);
    const pieces = ['{"', 'a', '😀', 'é', '\uFFFD', '\u0000', ':', '"}', ' ', '日本'].map(utf8);
    for (let i = 0; i < 2000; i++) {
      let bytes: Buffer;
      if (i % 2 === 0) {
        bytes = Buffer.from(Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 256)));
      } else {
        const parts: Buffer[] = [];
        for (let k = Math.floor(next() * 8); k >= 0; k--) {
          parts.push(next() < 0.2 ? Buffer.from([Math.floor(next() * 256)]) : pieces[Math.floor(next() * pieces.length)]!);
        }
        bytes = Buffer.concat(parts);
      }
      same(bytes, `case ${i}: ${bytes.toString('hex')}`);
    }
  });

  it('refuses what is not a regular file within the limit, before reading it', () => {
    const fifo = join(dir, 'pipe.line.json');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(readPayloadFile(fifo, maxBytes), { unreadable: 'it is a FIFO (named pipe), not a regular file' });
    assert.deepEqual(readPayloadFile('/dev/zero', maxBytes), { unreadable: 'it is a character device, not a regular file' });
    assert.deepEqual(readPayloadFile(dir, maxBytes), { unreadable: 'it is a directory, not a regular file' });
    assert.deepEqual(readPayloadFile(join(dir, 'missing.line.json'), maxBytes), { unreadable: 'no such file' });
    const big = join(dir, 'big.line.json');
    writeFileSync(big, 'x'.repeat(2048));
    assert.deepEqual(readPayloadFile(big, 1024), { unreadable: 'it is 2.0 KB, over the 1.0 KB limit (raise it with --max-size)' });
    assert.deepEqual(read(Buffer.from('x'.repeat(2048)), 2048), { text: 'x'.repeat(2048) });
  });
});
