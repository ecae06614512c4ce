import * as assert from 'node:assert/strict';
import type { MediaRef, MediaRole } from '../../../src/core/payload/anatomy';
import type { MediaFacts } from '../../../src/core/media/mediaFacts';
import { formatBytes, judgeMedia } from '../../../src/core/media/remoteMediaRules';

const MB = 1024 * 1024;

function ref(role: MediaRole, url = 'https://cdn.example.com/file'): MediaRef {
  return { pointer: '/message/media_message/url', url, role, ownerPointer: '/message/media_message' };
}

function facts(extra: Partial<MediaFacts>, url = 'https://cdn.example.com/file'): MediaFacts {
  return {
    url,
    finalUrl: url,
    redirects: 0,
    status: 200,
    dimensionsWanted: true,
    bodyBytesRead: 0,
    requests: 1,
    validators: {},
    freshness: { noStore: false, maxAgeMs: undefined },
    ...extra,
  };
}

const codes = (r: MediaRef, f: MediaFacts) => judgeMedia(r, f).map((x) => `${x.severity}:${x.code}`);

describe('remote media rules', () => {
  describe('card images', () => {
    const card = (width: number, height: number, type = 'png') => facts({ contentType: `image/${type === 'jpg' ? 'jpeg' : type}`, size: 50_000, image: { width, height, type } });

    it('accepts a 1024x678 rectangle and a 500x500 square', () => {
      assert.deepEqual(codes(ref('card-image'), card(1024, 678)), []);
      assert.deepEqual(codes(ref('card-image'), card(500, 500, 'jpg')), []);
    });

    it('refuses a card image wider than 1024 px, naming the width', () => {
      const [finding, ...rest] = judgeMedia(ref('card-image'), card(1040, 1040));
      assert.equal(rest.length, 0);
      assert.equal(finding?.code, 'media.image-too-wide');
      assert.equal(finding?.severity, 'error');
      assert.match(finding!.message, /1040 px wide/);
      assert.match(finding!.message, /1024 px/);
      assert.equal(finding?.data?.limit, 1024);
      assert.equal(finding?.data?.actual, 1040);
    });

    it('refuses a ratio other than 1.51:1 or 1:1 (the spec says "must") and shows the actual ratio', () => {
      const [finding] = judgeMedia(ref('card-image'), card(800, 600));
      assert.equal(finding?.code, 'media.aspect-ratio');
      assert.equal(finding?.severity, 'error');
      assert.match(finding!.message, /1\.33:1/);
      assert.match(finding!.message, /1\.51:1/);
    });

    it('tolerates a ratio within 0.02 of the target', () => {
      assert.deepEqual(codes(ref('card-image'), card(1000, 658)), []); // 1.520
      assert.deepEqual(codes(ref('card-image'), card(1000, 1019)), []); // 0.981
      assert.deepEqual(codes(ref('card-image'), card(1000, 650)), ['error:media.aspect-ratio']); // 1.538
    });

    it('refuses a card image served as gif or html', () => {
      const gif = judgeMedia(ref('card-image'), facts({ contentType: 'image/gif', image: { width: 500, height: 500, type: 'gif' } }));
      assert.deepEqual(gif.map((f) => f.code), ['media.content-type']);
      assert.match(gif[0]!.message, /image\/gif/);
      const html = judgeMedia(ref('card-image'), facts({ contentType: 'text/html' }));
      assert.deepEqual(html.map((f) => `${f.severity}:${f.code}`), ['error:media.content-type']);
      assert.match(html[0]!.message, /text\/html/);
    });

    it('judges a generic content type by the bytes, then by the extension', () => {
      assert.deepEqual(codes(ref('card-image'), facts({ contentType: 'application/octet-stream', image: { width: 500, height: 500, type: 'png' } })), []);
      assert.deepEqual(codes(ref('card-image'), facts({ contentType: 'application/octet-stream', image: { width: 500, height: 500, type: 'webp' } })), ['error:media.content-type']);
      assert.deepEqual(codes(ref('card-image'), facts({ contentType: 'application/octet-stream' })), ['warning:media.content-type']);
      const url = 'https://cdn.example.com/a.png';
      assert.deepEqual(codes(ref('card-image', url), facts({ contentType: 'application/octet-stream', dimensionsWanted: false }, url)), []);
    });

    it('says when the dimensions could not be read', () => {
      assert.deepEqual(codes(ref('card-image'), facts({ contentType: 'image/jpeg' })), ['information:media.dimensions-unknown']);
    });
  });

  describe('sizes', () => {
    it('refuses an image over 10 MB with both sizes in the message', () => {
      const [finding] = judgeMedia(ref('media'), facts({ contentType: 'image/png', size: 12 * MB }));
      assert.equal(finding?.code, 'media.too-large');
      assert.equal(finding?.severity, 'error');
      assert.match(finding!.message, /12 MB/);
      assert.match(finding!.message, /10 MB/);
      assert.equal(finding?.data?.limit, 10 * MB);
      assert.equal(finding?.data?.actual, 12 * MB);
    });

    it('refuses a video over 200 MB and accepts one under it', () => {
      const [finding] = judgeMedia(ref('media'), facts({ contentType: 'video/mp4', size: 250 * MB }));
      assert.equal(finding?.code, 'media.too-large');
      assert.match(finding!.message, /250 MB.*200 MB/);
      assert.deepEqual(codes(ref('media'), facts({ contentType: 'video/mp4', size: 199 * MB })), []);
    });

    it('decides the kind by the content type, then the extension', () => {
      assert.deepEqual(codes(ref('media'), facts({ contentType: 'audio/x-m4a', size: 150 * MB })), []);
      // 150 MB is fine for audio but not for an image: the server's type wins over the .m4a extension.
      const url = 'https://cdn.example.com/a.m4a';
      assert.deepEqual(codes(ref('media', url), facts({ contentType: 'image/png', size: 150 * MB }, url)), ['error:media.too-large']);
      const mp4 = 'https://cdn.example.com/v.mp4';
      assert.deepEqual(codes(ref('media', mp4), facts({ contentType: 'application/octet-stream', size: 250 * MB }, mp4)), ['error:media.too-large']);
      assert.deepEqual(codes(ref('media'), facts({ contentType: 'application/octet-stream', size: 1000 })), ['warning:media.content-type']);
    });

    it('refuses formats LINE does not take', () => {
      assert.deepEqual(codes(ref('media'), facts({ contentType: 'audio/mpeg' })), ['error:media.content-type']);
      assert.deepEqual(codes(ref('media'), facts({ contentType: 'video/quicktime' })), ['error:media.content-type']);
    });

    it('refuses a video thumbnail over 1 MB', () => {
      const [finding] = judgeMedia(ref('thumbnail'), facts({ contentType: 'image/jpeg', size: 1.5 * MB }));
      assert.equal(finding?.code, 'media.thumbnail-too-large');
      assert.match(finding!.message, /1\.5 MB.*1 MB/);
    });

    it('says nothing when the size is unknown', () => {
      assert.deepEqual(codes(ref('media'), facts({ contentType: 'video/mp4' })), []);
    });

    it('formats sizes in the unit of the limits', () => {
      assert.equal(formatBytes(12 * MB), '12 MB');
      assert.equal(formatBytes(1.5 * MB), '1.5 MB');
      assert.equal(formatBytes(640 * 1024), '640 KB');
      assert.equal(formatBytes(12), '12 bytes');
    });
  });

  describe('failures', () => {
    const failed = (failure: MediaFacts['failure']) => facts({ failure: failure! });

    it('makes a 404 an error and a 503 a warning', () => {
      const [notFound] = judgeMedia(ref('media'), failed({ kind: 'http-status', detail: '404 Not Found', status: 404 }));
      assert.equal(notFound?.code, 'media.unreachable');
      assert.equal(notFound?.severity, 'error');
      assert.match(notFound!.message, /404 Not Found/);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'http-status', detail: '503 Service Unavailable', status: 503 })), ['warning:media.unreachable']);
    });

    it('maps every failure kind to its code', () => {
      assert.deepEqual(codes(ref('media'), failed({ kind: 'network', detail: 'connection refused (ECONNREFUSED)', code: 'ECONNREFUSED' })), ['warning:media.unreachable']);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'timeout', detail: 'no answer within 5 s' })), ['warning:media.timeout']);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'tls-version', detail: 'x' })), ['error:media.tls-version']);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'tls-certificate', detail: 'x' })), ['error:media.tls-certificate']);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'redirect-to-http', detail: 'x', location: 'http://a/b' })), ['error:media.redirect-to-http']);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'too-many-redirects', detail: 'more than 5 redirects' })), ['error:media.too-many-redirects']);
      assert.deepEqual(codes(ref('media'), failed({ kind: 'cancelled', detail: 'cancelled' })), []);
    });
  });
});
