import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveFile, startHttpsTestServer, type TestServer } from '../../support/httpsTestServer';
import { createSelfSignedCertificate } from '../../support/selfSignedCertificate';
import { createJpeg, createPng } from '../../support/testImages';

const cli = resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

/** The built CLI as a user runs it; the test certificate is trusted through Node's own NODE_EXTRA_CA_CERTS. */
function runCli(args: string[], caFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('convapi-line check --media (built CLI against a local HTTPS server)', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  let caFile: string;

  before(async () => {
    const certificate = createSelfSignedCertificate();
    dir = mkdtempSync(join(tmpdir(), 'convapi-line-cli-media-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, certificate.cert);
    server = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert });
    serveFile(server, '/good.jpg', { body: createJpeg(1024, 678), contentType: 'image/jpeg' });
    serveFile(server, '/wide.png', { body: createPng(1040, 1040), contentType: 'image/png' });
    serveFile(server, '/big.mp4', { body: Buffer.alloc(16), size: 250 * 1024 * 1024, contentType: 'video/mp4' });
    serveFile(server, '/thumb.jpg', { body: createJpeg(10, 10), contentType: 'image/jpeg' });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const payload = (message: unknown) => JSON.stringify({ app_id: 'A', recipient: { contact_id: 'C' }, message }, null, 2);

  it('reports the real files at their URLs and exits 1, while the static check alone passes', async () => {
    const card = join(dir, 'card.line.json');
    writeFileSync(card, payload({ carousel_message: { cards: [
      { title: 'Good', description: 'd', media_message: { url: server.url('/good.jpg') }, choices: [{ text_message: { text: 'a' } }] },
      { title: 'Wide', description: 'd', media_message: { url: server.url('/wide.png') }, choices: [{ text_message: { text: 'b' } }] },
      { title: 'Gone', description: 'd', media_message: { url: server.url('/missing.jpg') }, choices: [{ text_message: { text: 'c' } }] },
    ] } }));
    const video = join(dir, 'video.line.json');
    writeFileSync(video, payload({ media_message: { url: server.url('/big.mp4'), thumbnail_url: server.url('/thumb.jpg') } }));

    const plain = await runCli(['check', '--json', dir], caFile);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(server.stats.requests.length, 0, 'no request without --media');

    const r = await runCli(['check', '--json', '--media', '--media-allow-private', dir], caFile);
    assert.equal(r.code, 1, r.stderr);
    const files = JSON.parse(r.stdout).files as { file: string; diagnostics: { code: string; pointer: string; message: string }[] }[];
    const byFile = Object.fromEntries(files.map((f) => [f.file, f.diagnostics.map((d) => `${d.pointer} ${d.code}`)]));
    assert.deepEqual(byFile[card], [
      '/message/carousel_message/cards/1/media_message/url media.image-too-wide',
      '/message/carousel_message/cards/2/media_message/url media.unreachable',
    ]);
    assert.deepEqual(byFile[video], ['/message/media_message/url media.too-large']);
    const tooLarge = files.find((f) => f.file === video)!.diagnostics[0]!;
    assert.match(tooLarge.message, /250 MB/);
    assert.ok(server.socketBytesWritten() < 200_000, `the CLI read headers, not files (${server.socketBytesWritten()} bytes)`);
  });

  it('rejects a bad --media-timeout as a usage error', async () => {
    const r = await runCli(['check', '--media', '--media-timeout', 'soon', dir], caFile);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--media-timeout/);
  });
});
