import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/core/check';
import { MediaChecker, checkDocumentMedia, mediaDiagnostics } from '../../../src/core/media';
import { createSelfSignedCertificate, type TestCertificate } from '../../support/selfSignedCertificate';
import { serveFile, startHttpsTestServer, type TestServer } from '../../support/httpsTestServer';
import { createJpeg, createPng } from '../../support/testImages';

describe('media pre-flight from a payload text', function () {
  let certificate: TestCertificate;
  let server: TestServer;
  let checker: MediaChecker;

  before(async () => {
    certificate = createSelfSignedCertificate();
    server = await startHttpsTestServer({ key: certificate.key, cert: certificate.cert });
    serveFile(server, '/cards/ok.png', { body: createPng(1024, 678), contentType: 'image/png' });
    serveFile(server, '/cards/wide.jpg', { body: createJpeg(1040, 1040), contentType: 'image/jpeg' });
    serveFile(server, '/cards/four-three.png', { body: createPng(800, 600), contentType: 'image/png' });
    checker = new MediaChecker({ allowPrivateAddresses: true, tls: { ca: certificate.cert } });
  });

  after(async () => {
    await checker.close();
    await server.close();
  });

  const card = (title: string, url: string) => ({
    title,
    description: 'A card',
    media_message: { url },
    choices: [{ text_message: { text: 'Pick' }, postback_data: title }],
  });

  function payload(): string {
    return JSON.stringify(
      {
        app_id: '{{APP_ID}}',
        recipient: { contact_id: '{{CONTACT_ID}}' },
        message: {
          carousel_message: {
            cards: [
              card('Fine', server.url('/cards/ok.png')),
              card('Too wide', server.url('/cards/wide.jpg')),
              card('Four three', server.url('/cards/four-three.png')),
              card('Later', '{{CARD_IMAGE}}'),
              card('Missing', server.url('/cards/missing.png')),
            ],
          },
        },
      },
      null,
      2,
    );
  }

  it('places each finding on its URL string', async () => {
    const text = payload();
    const checked = checkText(text);
    assert.equal(checked.anatomy.media.length, 5);
    const findings = await checker.checkMedia(checked.anatomy.media);
    const diagnostics = mediaDiagnostics(checked.document, findings);
    assert.deepEqual(diagnostics.map((d) => `${d.pointer} ${d.severity}:${d.code}`), [
      '/message/carousel_message/cards/1/media_message/url error:media.image-too-wide',
      '/message/carousel_message/cards/2/media_message/url error:media.aspect-ratio',
      '/message/carousel_message/cards/4/media_message/url error:media.unreachable',
    ]);
    const lines = text.split('\n');
    for (const [d, path] of diagnostics.map((d, i) => [d, ['/cards/wide.jpg', '/cards/four-three.png', '/cards/missing.png'][i]!] as const)) {
      const literal = JSON.stringify(server.url(path));
      assert.equal(text.slice(d.offset, d.offset + d.length), literal);
      const line = lines.findIndex((l) => l.includes(literal));
      assert.deepEqual(d.range, { start: { line, character: lines[line]!.indexOf(literal) }, end: { line, character: lines[line]!.indexOf(literal) + literal.length } });
    }
  });

  it('does the same through checkDocumentMedia, from the cache', async () => {
    server.resetStats();
    const diagnostics = await checkDocumentMedia(checker, checkText(payload()));
    assert.deepEqual(diagnostics.map((d) => d.code), ['media.image-too-wide', 'media.aspect-ratio', 'media.unreachable']);
    assert.equal(server.stats.requests.length, 0);
  });
});
