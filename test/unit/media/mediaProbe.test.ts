import * as assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { MediaProbe, type ProbeOutcome } from '../../../src/core/media/mediaProbe';
import type { MediaFacts } from '../../../src/core/media/mediaFacts';
import { createSelfSignedCertificate, type TestCertificate } from '../../support/selfSignedCertificate';
import { serveFile, startHttpsTestServer, type TestServer } from '../../support/httpsTestServer';
import { createJpeg, createPng } from '../../support/testImages';

const MB = 1024 * 1024;

function factsOf(outcome: ProbeOutcome): MediaFacts {
  assert.equal(outcome.notModified, false);
  return (outcome as { facts: MediaFacts }).facts;
}

describe('MediaProbe against a local HTTPS server', function () {
  let certificate: TestCertificate;
  let server: TestServer;
  let probe: MediaProbe;

  before(async () => {
    certificate = createSelfSignedCertificate();
    server = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert });
    probe = new MediaProbe({ allowPrivateAddresses: true, tls: { ca: certificate.cert }, timeoutMs: 2000 });
  });

  after(async () => {
    await probe.close();
    await server.close();
  });

  beforeEach(() => server.resetStats());

  it('reads type, size and dimensions of a PNG with HEAD and one ranged GET', async () => {
    const png = createPng(1024, 678);
    serveFile(server, '/card.png', { body: png, contentType: 'image/png' });
    const facts = factsOf(await probe.probe({ url: server.url('/card.png'), wantDimensions: true }));
    assert.equal(facts.failure, undefined);
    assert.equal(facts.contentType, 'image/png');
    assert.equal(facts.size, png.length);
    assert.deepEqual(facts.image, { width: 1024, height: 678, type: 'png' });
    assert.deepEqual(server.requestsTo('/card.png').map((r) => `${r.method} ${r.headers.range ?? ''}`), ['HEAD ', 'GET bytes=0-65535']);
  });

  it('reads at most 64 KB of a 3 MB JPEG', async () => {
    const jpeg = createJpeg(1040, 1040, { totalBytes: 3 * MB });
    serveFile(server, '/big.jpg', { body: jpeg, contentType: 'image/jpeg' });
    const facts = factsOf(await probe.probe({ url: server.url('/big.jpg'), wantDimensions: true }));
    assert.deepEqual(facts.image, { width: 1040, height: 1040, type: 'jpg' });
    assert.equal(facts.size, 3 * MB);
    assert.equal(facts.bodyBytesRead, 65536);
    assert.equal(server.stats.bodyBytesWritten.get('/big.jpg'), 65536);
  });

  it('stops reading after 64 KB when the server ignores Range', async () => {
    const png = createPng(800, 600, { totalBytes: 5 * MB });
    serveFile(server, '/norange.png', { body: png, contentType: 'image/png', ranges: false });
    const facts = factsOf(await probe.probe({ url: server.url('/norange.png'), wantDimensions: true }));
    assert.deepEqual(facts.image, { width: 800, height: 600, type: 'png' });
    assert.equal(facts.size, 5 * MB);
    // Chunks arrive as TLS records of up to 16 KB: the read stops within one record past 64 KB.
    assert.ok(facts.bodyBytesRead >= 65536 && facts.bodyBytesRead <= 65536 + 16 * 1024, `read ${facts.bodyBytesRead} bytes`);
    await settle();
    const written = server.stats.bodyBytesWritten.get('/norange.png') ?? 0;
    if (process.env.MEDIA_TEST_FIGURES) console.log(`      5 MB PNG without Range: read ${facts.bodyBytesRead} bytes, server wrote ${written}`);
    assert.ok(written < 1 * MB, `the server wrote ${written} of ${5 * MB} bytes`);
  });

  it('asks only HEAD for a 200 MB video: no body byte is sent', async () => {
    serveFile(server, '/video.mp4', { body: Buffer.alloc(0), size: 200 * MB, contentType: 'video/mp4' });
    const before = server.socketBytesWritten();
    const facts = factsOf(await probe.probe({ url: server.url('/video.mp4'), wantDimensions: false }));
    await settle();
    const onWire = server.socketBytesWritten() - before;
    if (process.env.MEDIA_TEST_FIGURES) console.log(`      200 MB video, HEAD only: ${onWire} bytes on the socket`);
    assert.ok(onWire > 0 && onWire < 1024, `the server wrote ${onWire} bytes on the socket`);
    assert.equal(facts.size, 200 * MB);
    assert.equal(facts.contentType, 'video/mp4');
    assert.equal(facts.requests, 1);
    assert.equal(facts.bodyBytesRead, 0);
    assert.equal(server.stats.bodyBytesWritten.get('/video.mp4') ?? 0, 0);
  });

  it('falls back to a one-byte ranged GET when HEAD is refused, and drops the body', async () => {
    serveFile(server, '/gethonly.mp4', { body: Buffer.alloc(0), size: 250 * MB, contentType: 'video/mp4', refuseHead: 405 });
    const before = server.socketBytesWritten();
    const facts = factsOf(await probe.probe({ url: server.url('/gethonly.mp4'), wantDimensions: false }));
    await settle();
    const onWire = server.socketBytesWritten() - before;
    if (process.env.MEDIA_TEST_FIGURES) console.log(`      250 MB video, HEAD refused, Range honoured: ${onWire} bytes on the socket`);
    assert.ok(onWire > 0 && onWire < 2048, `the server wrote ${onWire} bytes on the socket`);
    assert.equal(facts.failure, undefined);
    assert.equal(facts.size, 250 * MB, 'size from Content-Range');
    assert.equal(facts.contentType, 'video/mp4');
    assert.deepEqual(server.requestsTo('/gethonly.mp4').map((r) => `${r.method} ${r.headers.range ?? ''}`), ['HEAD ', 'GET bytes=0-0']);
    assert.equal(server.stats.bodyBytesWritten.get('/gethonly.mp4'), 1);
    assert.equal(facts.bodyBytesRead, 0);
  });

  it('never downloads a 200 MB video even when HEAD is refused and Range ignored', async () => {
    serveFile(server, '/stubborn.mp4', { body: Buffer.alloc(0), size: 200 * MB, contentType: 'video/mp4', refuseHead: 405, ranges: false });
    const before = server.socketBytesWritten();
    const facts = factsOf(await probe.probe({ url: server.url('/stubborn.mp4'), wantDimensions: false }));
    assert.equal(facts.size, 200 * MB);
    assert.equal(facts.bodyBytesRead, 0);
    await settle();
    const written = server.stats.bodyBytesWritten.get('/stubborn.mp4') ?? 0;
    const onWire = server.socketBytesWritten() - before;
    if (process.env.MEDIA_TEST_FIGURES) console.log(`      stubborn 200 MB video: body ${written} bytes, socket ${onWire} bytes`);
    assert.ok(written < 1 * MB && onWire < 1 * MB, `the server wrote ${written} body bytes (${onWire} on the socket) of ${200 * MB}`);
  });

  it('reports a 404 with its status', async () => {
    const facts = factsOf(await probe.probe({ url: server.url('/missing.png'), wantDimensions: true }));
    assert.deepEqual(facts.failure, { kind: 'http-status', detail: '404 Not Found', status: 404 });
    assert.equal(facts.requests, 1);
  });

  it('gives up on a server that never answers after the timeout', async () => {
    server.route('/silent.png', () => undefined);
    const quick = new MediaProbe({ allowPrivateAddresses: true, tls: { ca: certificate.cert }, timeoutMs: 300 });
    try {
      const started = Date.now();
      const facts = factsOf(await quick.probe({ url: server.url('/silent.png'), wantDimensions: true }));
      assert.equal(facts.failure?.kind, 'timeout');
      assert.match(facts.failure!.detail, /0\.3 s/);
      assert.ok(Date.now() - started < 2000);
    } finally {
      await quick.close();
    }
  });

  it('follows https redirects and stops at a redirect to http', async () => {
    serveFile(server, '/final.png', { body: createPng(500, 500), contentType: 'image/png' });
    server.route('/moved.png', (_req, res) => res.writeHead(301, { location: '/final.png' }).end());
    const moved = factsOf(await probe.probe({ url: server.url('/moved.png'), wantDimensions: true }));
    assert.equal(moved.finalUrl, server.url('/final.png'));
    assert.equal(moved.redirects, 1);
    assert.deepEqual(moved.image, { width: 500, height: 500, type: 'png' });

    server.route('/downgrade.png', (_req, res) => res.writeHead(302, { location: 'http://127.0.0.1:9/final.png' }).end());
    const downgraded = factsOf(await probe.probe({ url: server.url('/downgrade.png'), wantDimensions: true }));
    assert.equal(downgraded.failure?.kind, 'redirect-to-http');
    assert.equal(downgraded.failure?.location, 'http://127.0.0.1:9/final.png');
  });

  it('stops after 5 redirects', async () => {
    server.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    const facts = factsOf(await probe.probe({ url: server.url('/loop'), wantDimensions: false }));
    assert.equal(facts.failure?.kind, 'too-many-redirects');
    assert.equal(server.requestsTo('/loop').length, 6);
  });

  it('revalidates with If-None-Match and reports 304 as not modified', async () => {
    serveFile(server, '/tagged.png', { body: createPng(500, 500), contentType: 'image/png', etag: '"v1"' });
    const outcome = await probe.probe({ url: server.url('/tagged.png'), wantDimensions: true, revalidate: { url: server.url('/tagged.png'), etag: '"v1"' } });
    assert.equal(outcome.notModified, true);
    assert.equal(server.requestsTo('/tagged.png')[0]?.headers['if-none-match'], '"v1"');
    assert.equal(server.requestsTo('/tagged.png').length, 1);
  });

  it('names a refused connection', async () => {
    const port = await unusedPort();
    const facts = factsOf(await probe.probe({ url: `https://127.0.0.1:${port}/a.png`, wantDimensions: false }));
    assert.equal(facts.failure?.kind, 'network');
    assert.equal(facts.failure?.code, 'ECONNREFUSED');
    assert.match(facts.failure!.detail, /connection refused/);
  });

  it('rejects a certificate the client does not trust', async () => {
    serveFile(server, '/any.png', { body: createPng(10, 10), contentType: 'image/png' });
    const untrusting = new MediaProbe({ allowPrivateAddresses: true, timeoutMs: 2000 });
    try {
      const facts = factsOf(await untrusting.probe({ url: server.url('/any.png'), wantDimensions: false }));
      assert.equal(facts.failure?.kind, 'tls-certificate');
      assert.equal(facts.failure?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      await untrusting.close();
    }
  });

  describe('a server that only speaks TLS 1.1', () => {
    let old: TestServer;

    before(async () => {
      // OpenSSL 3 refuses TLS 1.1 at the default security level, even on the server: level 0 allows it.
      old = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
      serveFile(old, '/old.png', { body: createPng(500, 500), contentType: 'image/png' });
    });

    after(() => old.close());

    it('really negotiates TLS 1.1 with a client that allows it', async () => {
      const protocol = await new Promise<string | null>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: Number(new URL(old.origin).port), ca: certificate.cert, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, () => {
          resolve(socket.getProtocol());
          socket.end();
        });
        socket.on('error', reject);
      });
      assert.equal(protocol, 'TLSv1.1');
    });

    it('is reported as below TLS 1.2', async () => {
      const facts = factsOf(await probe.probe({ url: old.url('/old.png'), wantDimensions: true }));
      assert.equal(facts.failure?.kind, 'tls-version');
      assert.match(facts.failure!.detail, /protocol version/);
      assert.equal(old.stats.requests.length, 0, 'no HTTP request got through');
    });
  });
});

/** Lets a server notice a client that left, so its byte count is final. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}

async function unusedPort(): Promise<number> {
  const probeServer = createServer();
  await new Promise<void>((resolve) => probeServer.listen(0, '127.0.0.1', resolve));
  const { port } = probeServer.address() as AddressInfo;
  await new Promise<void>((resolve) => probeServer.close(() => resolve()));
  return port;
}
