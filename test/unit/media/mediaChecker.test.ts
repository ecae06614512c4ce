import * as assert from 'node:assert/strict';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { MediaChecker } from '../../../src/core/media/mediaChecker';
import type { MediaRef, MediaRole } from '../../../src/core/payload/anatomy';
import { createSelfSignedCertificate, type TestCertificate } from '../../support/selfSignedCertificate';
import { serveFile, startHttpsTestServer, type TestServer } from '../../support/httpsTestServer';
import { createJpeg, createPng } from '../../support/testImages';

const MB = 1024 * 1024;

function ref(url: string, role: MediaRole = 'card-image', pointer = '/message/card_message/media_message/url'): MediaRef {
  return { pointer, url, role, ownerPointer: pointer.replace(/\/[^/]+$/, '') };
}

describe('MediaChecker against a local HTTPS server', function () {
  let certificate: TestCertificate;
  let server: TestServer;
  let checker: MediaChecker;
  let now: number;

  before(async () => {
    certificate = createSelfSignedCertificate();
    server = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert });
    serveFile(server, '/rect.png', { body: createPng(1024, 678), contentType: 'image/png' });
    serveFile(server, '/wide.jpg', { body: createJpeg(1040, 1040), contentType: 'image/jpeg' });
    serveFile(server, '/four-three.png', { body: createPng(800, 600), contentType: 'image/png' });
    serveFile(server, '/square.jpg', { body: createJpeg(500, 500), contentType: 'image/jpeg' });
    serveFile(server, '/huge.png', { body: createPng(1024, 678), size: 12 * MB, contentType: 'image/png' });
    serveFile(server, '/huge.mp4', { body: Buffer.alloc(0), size: 250 * MB, contentType: 'video/mp4' });
    serveFile(server, '/thumb.jpg', { body: createJpeg(320, 240, { totalBytes: 1.5 * MB }), contentType: 'image/jpeg' });
    serveFile(server, '/page.png', { body: Buffer.from('<html>login</html>'), contentType: 'text/html; charset=utf-8' });
    serveFile(server, '/anim.png', { body: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), contentType: 'image/gif' });
    server.route('/silent.png', () => undefined);
  });

  beforeEach(() => {
    now = 1_000_000;
    checker = new MediaChecker({ allowPrivateAddresses: true, tls: { ca: certificate.cert }, timeoutMs: 2000, now: () => now });
    server.resetStats();
  });

  afterEach(() => checker.close());

  after(() => server.close());

  it('judges card images by their real width and ratio', async () => {
    const refs = ['/rect.png', '/wide.jpg', '/four-three.png', '/square.jpg'].map((p, i) => ref(server.url(p), 'card-image', `/message/carousel_message/cards/${i}/media_message/url`));
    const findings = await checker.checkMedia(refs);
    assert.deepEqual(
      findings.map((f) => `${f.pointer.split('/')[4]} ${f.severity}:${f.code}`),
      ['1 error:media.image-too-wide', '2 error:media.aspect-ratio'],
    );
    assert.match(findings[0]!.message, /1040 px wide/);
    assert.match(findings[1]!.message, /800×600 px, ratio 1\.33:1/);
  });

  it('reports sizes over the limits from the headers alone', async () => {
    const findings = await checker.checkMedia([
      ref(server.url('/huge.png'), 'media', '/message/media_message/url'),
      ref(server.url('/huge.mp4'), 'media', '/message/media_message/url'),
      ref(server.url('/thumb.jpg'), 'thumbnail', '/message/media_message/thumbnail_url'),
    ]);
    assert.deepEqual(findings.map((f) => f.code), ['media.too-large', 'media.too-large', 'media.thumbnail-too-large']);
    assert.match(findings[0]!.message, /12 MB, over LINE's 10 MB/);
    assert.match(findings[1]!.message, /250 MB, over LINE's 200 MB/);
    assert.match(findings[2]!.message, /1\.5 MB, over LINE's 1 MB/);
    assert.equal(server.stats.bodyBytesWritten.get('/huge.mp4') ?? 0, 0);
  });

  it('reports wrong content types, 404s and timeouts as findings, never as exceptions', async () => {
    // The short timeout for the silent server only: three cold TLS connections at once can take longer than it on
    // a busy machine, and would time out too.
    const quick = new MediaChecker({ allowPrivateAddresses: true, tls: { ca: certificate.cert }, timeoutMs: 300 });
    try {
      const [answering, silent] = await Promise.all([
        checker.checkMedia([ref(server.url('/page.png')), ref(server.url('/anim.png')), ref(server.url('/gone.png'))]),
        quick.checkMedia([ref(server.url('/silent.png')), ref('https://127.0.0.1:1/closed.png')]),
      ]);
      const findings = [...answering, ...silent];
      assert.deepEqual(findings.map((f) => `${f.severity}:${f.code}`), [
        'error:media.content-type',
        'error:media.content-type',
        'error:media.unreachable',
        'warning:media.timeout',
        'warning:media.unreachable',
      ]);
      assert.match(findings[0]!.message, /text\/html/);
      assert.match(findings[1]!.message, /image\/gif/);
      assert.match(findings[2]!.message, /404 Not Found/);
      assert.match(findings[4]!.message, /connection refused/);
    } finally {
      await quick.close();
    }
  });

  it('skips placeholders and URLs the static rules already refuse', async () => {
    const findings = await checker.checkMedia([ref('{{IMAGE_URL}}'), ref('https://cdn.example.com/{{NAME}}.png'), ref('http://127.0.0.1/a.png'), ref('not a url')]);
    assert.deepEqual(findings, []);
    assert.equal(server.stats.requests.length, 0);
    const inspections = await checker.inspect([ref('{{IMAGE_URL}}'), ref('http://127.0.0.1/a.png'), ref('not a url')]);
    assert.deepEqual(inspections.map((i) => i.state === 'skipped' && i.reason), ['placeholder', 'not-https', 'invalid-url']);
  });

  describe('cache', () => {
    it('makes no request within max-age', async () => {
      serveFile(server, '/fresh.png', { body: createPng(500, 500), contentType: 'image/png', headers: { 'cache-control': 'max-age=60' }, etag: '"a1"' });
      await checker.checkMedia([ref(server.url('/fresh.png'))]);
      assert.equal(server.requestsTo('/fresh.png').length, 2, 'HEAD and ranged GET the first time');
      now += 59_000;
      const again = await checker.inspect([ref(server.url('/fresh.png'))]);
      assert.equal(server.requestsTo('/fresh.png').length, 2, 'no request the second time');
      assert.equal(again[0]?.state === 'checked' && again[0].fromCache, true);
    });

    it('revalidates with If-None-Match after max-age and reuses the facts on 304', async () => {
      serveFile(server, '/tagged.jpg', { body: createJpeg(800, 600), contentType: 'image/jpeg', headers: { 'cache-control': 'max-age=60' }, etag: '"b2"' });
      const first = await checker.checkMedia([ref(server.url('/tagged.jpg'))]);
      now += 61_000;
      server.resetStats();
      const second = await checker.inspect([ref(server.url('/tagged.jpg'))]);
      const requests = server.requestsTo('/tagged.jpg');
      assert.deepEqual(requests.map((r) => `${r.method} ${r.headers['if-none-match']}`), ['HEAD "b2"']);
      assert.equal(server.stats.bodyBytesWritten.get('/tagged.jpg') ?? 0, 0);
      assert.deepEqual(second.flatMap((i) => i.findings), first);
      const inspection = second[0]!;
      assert.equal(inspection.state, 'checked');
      if (inspection.state === 'checked') assert.deepEqual(inspection.facts.image, { width: 800, height: 600, type: 'jpg' });
      // The 304 renewed freshness: a third check makes no request.
      await checker.checkMedia([ref(server.url('/tagged.jpg'))]);
      assert.equal(server.requestsTo('/tagged.jpg').length, 1);
    });

    it('fetches again for no-store', async () => {
      serveFile(server, '/private.png', { body: createPng(500, 500), contentType: 'image/png', headers: { 'cache-control': 'no-store' } });
      await checker.checkMedia([ref(server.url('/private.png'), 'media')]);
      await checker.checkMedia([ref(server.url('/private.png'), 'media')]);
      assert.deepEqual(server.requestsTo('/private.png').map((r) => r.method), ['HEAD', 'HEAD']);
    });

    it('reads dimensions when a URL first seen as plain media becomes a card image', async () => {
      await checker.checkMedia([ref(server.url('/wide.jpg'), 'media')]);
      const findings = await checker.checkMedia([ref(server.url('/wide.jpg'), 'card-image')]);
      assert.deepEqual(findings.map((f) => f.code), ['media.image-too-wide']);
      assert.deepEqual(server.requestsTo('/wide.jpg').map((r) => r.method), ['HEAD', 'HEAD', 'GET']);
    });

    it('remembers a failure briefly, and force re-checks', async () => {
      await checker.checkMedia([ref(server.url('/nothing.png'))]);
      await checker.checkMedia([ref(server.url('/nothing.png'))]);
      assert.equal(server.requestsTo('/nothing.png').length, 1);
      await checker.checkMedia([ref(server.url('/nothing.png'))], { force: true });
      assert.equal(server.requestsTo('/nothing.png').length, 2);
    });
  });

  it('asks once for a URL wanted by concurrent checks and repeated refs', async () => {
    serveFile(server, '/shared.png', { body: createPng(1024, 678), contentType: 'image/png', delayMs: 100 });
    const url = server.url('/shared.png');
    const [a, b] = await Promise.all([checker.checkMedia([ref(url), ref(url)]), checker.checkMedia([ref(url)])]);
    assert.deepEqual(a, []);
    assert.deepEqual(b, []);
    assert.deepEqual(server.requestsTo('/shared.png').map((r) => r.method), ['HEAD', 'GET']);
  });

  it('keeps at most 4 requests in flight', async () => {
    const refs: MediaRef[] = [];
    for (let i = 0; i < 12; i++) {
      serveFile(server, `/slow${i}.mp4`, { body: Buffer.alloc(0), size: MB, contentType: 'video/mp4', delayMs: 80 });
      refs.push(ref(server.url(`/slow${i}.mp4`), 'media'));
    }
    const progress: string[] = [];
    const findings = await checker.checkMedia(refs, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    assert.deepEqual(findings, []);
    assert.equal(server.stats.requests.length, 12);
    assert.equal(server.stats.maxInFlight, 4);
    assert.equal(progress[0], '0/12');
    assert.equal(progress.at(-1), '12/12');
    assert.equal(progress.length, 13);
  });

  it('honours a smaller concurrency limit', async () => {
    const two = new MediaChecker({ allowPrivateAddresses: true, tls: { ca: certificate.cert }, concurrency: 2 });
    try {
      const refs: MediaRef[] = [];
      for (let i = 0; i < 6; i++) {
        serveFile(server, `/pair${i}.mp4`, { body: Buffer.alloc(0), size: MB, contentType: 'video/mp4', delayMs: 60 });
        refs.push(ref(server.url(`/pair${i}.mp4`), 'media'));
      }
      await two.checkMedia(refs);
      assert.equal(server.stats.maxInFlight, 2);
    } finally {
      await two.close();
    }
  });

  it('stops waiting when cancelled and never starts the queued probes', async () => {
    const refs: MediaRef[] = [];
    for (let i = 0; i < 10; i++) {
      serveFile(server, `/queued${i}.mp4`, { body: Buffer.alloc(0), size: MB, contentType: 'video/mp4', delayMs: 1000 });
      refs.push(ref(server.url(`/queued${i}.mp4`), 'media'));
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const inspections = await checker.inspect(refs, { signal: controller.signal });
    assert.ok(Date.now() - started < 800, 'returns before the running probes end');
    assert.ok(inspections.every((i) => i.state === 'cancelled'));
    // The 4 running probes' requests arrive when their connections are up (later on a busy machine); then a while
    // in which a queued probe, wrongly started, would arrive too.
    await until('the running probes\' requests arrived', () => server.stats.requests.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(server.stats.requests.length, 4, 'only the 4 probes already running reached the server');
    // What the running probes learnt is cached: checking again costs nothing for them.
    const findings = await checker.checkMedia(refs.slice(0, 4));
    assert.deepEqual(findings, []);
    assert.equal(server.stats.requests.length, 4);
  });

  it('resolves with nothing when closed while a probe waits for its answer', async () => {
    const pending = checker.checkMedia([ref(server.url('/silent.png'))]);
    // Until the request is there, not a fixed while: on a busy machine the connection takes its time.
    await until('the request reached the server', () => server.requestsTo('/silent.png').length > 0);
    await checker.close();
    assert.deepEqual(await pending, []);
  });

  it('resolves with nothing when closed while a probe is still connecting: cancelled, not unreachable', async () => {
    // A server that takes the connection and never starts TLS: the request waits for its connection.
    const sockets: Socket[] = [];
    const stalled = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const pending = checker.checkMedia([ref(`https://127.0.0.1:${(stalled.address() as AddressInfo).port}/a.png`)]);
      await until('the connection reached the server', () => sockets.length > 0);
      await checker.close();
      assert.deepEqual(await pending, []);
    } finally {
      for (const socket of sockets) socket.destroy();
      stalled.close();
    }
  });
});

describe('MediaChecker with a failing prober', () => {
  it('turns a prober exception and a failing progress callback into nothing worse than a finding', async () => {
    const checker = new MediaChecker({
      prober: {
        probe: () => Promise.reject(new Error('boom')),
        close: () => Promise.reject(new Error('close boom')),
      },
    });
    const findings = await checker.checkMedia([ref('https://cdn.example.com/a.png')], {
      onProgress: () => {
        throw new Error('progress boom');
      },
    });
    assert.deepEqual(findings.map((f) => `${f.severity}:${f.code}`), ['warning:media.unreachable']);
    assert.match(findings[0]!.message, /internal error: boom/);
    await checker.close();
  });
});

/** Waits for a condition, polling; fails naming it after 10 s. */
async function until(what: string, condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); ) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
