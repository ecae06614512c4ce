// Hostile media servers and addresses. Traffic goes to a local HTTPS server on 127.0.0.1 only; private and metadata
// addresses are simulated by an injected resolver, and an injected connector records every connection attempt and
// makes none, so a wrong screen would show as a recorded attempt, never as traffic.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { buildConnector } from 'undici';
import { MediaChecker } from '../../../src/core/media';
import { judgeAddress } from '../../../src/core/media/addressPolicy';
import type { MediaRef } from '../../../src/core/payload/anatomy';
import { startHttpsTestServer, type TestServer } from '../../support/httpsTestServer';
import { createSelfSignedCertificate, type TestCertificate } from '../../support/selfSignedCertificate';
import { createPng } from '../../support/testImages';

function ref(url: string, role: MediaRef['role'] = 'card-image'): MediaRef {
  const pointer = '/message/card_message/media_message/url';
  return { pointer, url, role, ownerPointer: '/message/card_message/media_message' };
}

/** A connector that records each attempt and refuses it: nothing leaves the process. */
function refusingConnector(attempts: string[]): buildConnector.connector {
  return (options, callback) => {
    attempts.push(options.hostname);
    callback(new Error('test connector: no connection'), null);
  };
}

describe('hostile media: addresses LINE cannot reach are reported, never fetched', () => {
  const resolvedTo = (table: Record<string, string>, asked: string[]) => async (hostname: string) => {
    asked.push(hostname);
    const address = table[hostname];
    return address ? [{ address, family: address.includes(':') ? 6 : 4 }] : [];
  };

  it('host names resolving to private, loopback, link-local or CGNAT addresses: media.private-address, no connection', async () => {
    const asked: string[] = [];
    const attempts: string[] = [];
    const table = { 'intranet.test': '10.0.0.7', 'home.test': '192.168.1.5', 'loop.test': '127.0.0.1', 'link.test': '169.254.10.10', 'ula.test': 'fd12::1', 'mapped.test': '::ffff:172.16.0.1', 'cgnat.test': '100.64.1.1' };
    const checker = new MediaChecker({ resolve: resolvedTo(table, asked), connector: refusingConnector(attempts), timeoutMs: 2000 });
    try {
      for (const host of Object.keys(table)) {
        const findings = await checker.checkMedia([ref(`https://${host}/a.png`)]);
        assert.deepEqual(findings.map((f) => f.code), ['media.private-address'], host);
        assert.equal(findings[0]!.severity, 'error');
        assert.match(findings[0]!.message, new RegExp(`${host} resolves to .*a private, loopback or link-local address; LINE cannot fetch it`));
      }
      assert.deepEqual(attempts, []);
      assert.deepEqual(asked, Object.keys(table));
    } finally {
      await checker.close();
    }
  });

  it('address literals are judged without a lookup; metadata services are refused even when private addresses are allowed', async () => {
    const asked: string[] = [];
    const attempts: string[] = [];
    const checker = new MediaChecker({ resolve: resolvedTo({ 'metadata.test': '169.254.169.254' }, asked), connector: refusingConnector(attempts), allowPrivateAddresses: true, timeoutMs: 2000 });
    try {
      for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://[fd00:ec2::254]/latest', 'https://100.100.100.200/x.png', 'https://metadata.test/x.png']) {
        const findings = await checker.checkMedia([ref(url)]);
        assert.deepEqual(findings.map((f) => f.code), ['media.metadata-address'], url);
        assert.match(findings[0]!.message, /a cloud metadata service; it is never fetched/);
      }
      assert.deepEqual(asked, ['metadata.test'], 'literals need no lookup');
      assert.deepEqual(attempts, []);
    } finally {
      await checker.close();
    }
    assert.deepEqual(judgeAddress('8.8.8.8', false), { allowed: true });
    assert.equal(judgeAddress('::1', false).allowed, false);
    assert.equal(judgeAddress('127.0.0.1', true).allowed, true);
  });
});

describe('hostile media servers (local HTTPS server)', function () {
  this.timeout(30_000);
  let certificate: TestCertificate;
  let server: TestServer;
  const png = createPng(1024, 678);

  before(async () => {
    certificate = createSelfSignedCertificate();
    server = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert });
    const redirect = (to: string, delayMs = 0) => (_req: unknown, res: { writeHead(s: number, h: Record<string, string>): { end(): void } }) => {
      setTimeout(() => res.writeHead(302, { location: to, 'content-length': '0' }).end(), delayMs);
    };
    // A chain of slow hops: each well within the timeout, all together far beyond it.
    for (let k = 0; k < 4; k++) server.route(`/slow/${k}`, redirect(`/slow/${k + 1}`, 600));
    server.route('/slow/4', (_req, res) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) }).end(png));
    // Three redirects for HEAD, which the last hop refuses; three more for GET: six for one URL.
    for (let k = 0; k < 3; k++) server.route(`/hop/${k}`, redirect(`/hop/${k + 1}`));
    server.route('/hop/3', (req, res) => (req.method === 'HEAD' ? res.writeHead(405, { allow: 'GET', 'content-length': '0' }).end() : res.writeHead(302, { location: '/hop/4', 'content-length': '0' }).end()));
    for (let k = 4; k < 6; k++) server.route(`/hop/${k}`, redirect(`/hop/${k + 1}`));
    server.route('/hop/6', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    server.route('/hang', () => undefined);
    server.route('/liar.mp4', (req, res) => {
      const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
      // HEAD refused, so the size comes from the ranged GET's Content-Range total.
      if (req.method === 'HEAD') res.writeHead(405, { allow: 'GET', 'content-length': '0' }).end();
      else res.writeHead(206, { ...headers, 'content-range': 'bytes 0-0/99999999999999999999', 'content-length': '1' }).end('x');
    });
    server.route('/to-metadata.png', redirect('https://169.254.169.254/latest/meta-data/'));
  });
  after(async () => {
    await server.close();
  });

  const localChecker = (extra: ConstructorParameters<typeof MediaChecker>[0] = {}) => new MediaChecker({ allowPrivateAddresses: true, tls: { ca: certificate.cert }, ...extra });

  it('one deadline per URL covers every hop: slow redirects end in media.timeout within the timeout', async () => {
    const checker = localChecker({ timeoutMs: 1000 });
    try {
      const started = performance.now();
      const findings = await checker.checkMedia([ref(server.url('/slow/0'))]);
      const elapsed = performance.now() - started;
      assert.deepEqual(findings.map((f) => f.code), ['media.timeout']);
      assert.ok(elapsed < 2200, `one URL took ${elapsed.toFixed(0)} ms with a 1000 ms timeout (4 hops of 600 ms would take 2400+)`);
    } finally {
      await checker.close();
    }
  });

  it('redirects are counted per URL across HEAD and GET', async () => {
    const checker = localChecker({ timeoutMs: 5000 });
    try {
      const findings = await checker.checkMedia([ref(server.url('/hop/0'))]);
      assert.deepEqual(findings.map((f) => f.code), ['media.too-many-redirects']);
    } finally {
      await checker.close();
    }
  });

  it('a run deadline reports every URL it did not check as media.not-checked', async () => {
    const checker = localChecker({ timeoutMs: 20_000 });
    try {
      const started = performance.now();
      const refs = [1, 2, 3].map((i) => ref(server.url(`/hang?${i}`)));
      const findings = await checker.checkMedia(refs, { deadline: AbortSignal.timeout(500) });
      assert.ok(performance.now() - started < 5000);
      assert.deepEqual(findings.map((f) => f.code), ['media.not-checked', 'media.not-checked', 'media.not-checked']);
      assert.match(findings[0]!.message, /Not checked: the time limit for all media checks of this run ran out/);
    } finally {
      await checker.close();
    }
  });

  it('a lying size header is a finding about the server, not a size', async () => {
    const checker = localChecker({ timeoutMs: 5000 });
    try {
      const findings = await checker.checkMedia([ref(server.url('/liar.mp4'), 'media')]);
      assert.deepEqual(findings.map((f) => f.code), ['media.server-size']);
      assert.match(findings[0]!.message, /claims a size beyond any real file \(Content-Range: bytes 0-0\/99999999999999999999\)/);
      assert.doesNotMatch(findings[0]!.message, /MB/);
    } finally {
      await checker.close();
    }
  });

  it('a redirect to a metadata address is refused before any connection to it', async () => {
    const attempts: string[] = [];
    const real = buildConnector({ ca: certificate.cert, minVersion: 'TLSv1.2' } as buildConnector.BuildOptions);
    const loopbackOnly: buildConnector.connector = (options, callback) => {
      attempts.push(options.hostname);
      if (options.hostname !== '127.0.0.1') return callback(new Error('test connector: loopback only'), null);
      return real(options, callback);
    };
    const checker = localChecker({ timeoutMs: 5000, connector: loopbackOnly });
    try {
      const findings = await checker.checkMedia([ref(server.url('/to-metadata.png'))]);
      assert.deepEqual(findings.map((f) => f.code), ['media.metadata-address']);
      assert.ok(attempts.every((h) => h === '127.0.0.1'), attempts.join());
    } finally {
      await checker.close();
    }
  });
});
