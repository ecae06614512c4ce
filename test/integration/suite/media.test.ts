import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { serveFile, startHttpsTestServer, type TestServer } from '../../support/httpsTestServer';
import { createJpeg, createPng } from '../../support/testImages';
import { diagnosticCode, waitFor, workspaceUri } from '../util';

/**
 * Media pre-flight inside the real extension host, against an HTTPS server on 127.0.0.1 whose certificate the
 * host trusts through NODE_EXTRA_CA_CERTS (set by runTest.ts). The user settings of the test VS Code turn remote
 * checks off, so nothing else ever fetches; this suite turns them on for its own files only.
 */
describe('media pre-flight in VS Code', function () {
  this.timeout(60_000);
  let server: TestServer;
  const config = () => vscode.workspace.getConfiguration('convapiLine');

  before(async () => {
    const certFile = process.env.CONVAPI_TEST_TLS_CERT;
    const keyFile = process.env.CONVAPI_TEST_TLS_KEY;
    assert.ok(certFile && keyFile, 'runTest.ts passes the test certificate in CONVAPI_TEST_TLS_CERT and CONVAPI_TEST_TLS_KEY');
    server = await startHttpsTestServer({ cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') });
    serveFile(server, '/good.jpg', { body: createJpeg(1024, 678), contentType: 'image/jpeg', headers: { 'cache-control': 'max-age=600' } });
    serveFile(server, '/wide.png', { body: createPng(1040, 1040), contentType: 'image/png', headers: { 'cache-control': 'max-age=600' } });
    await config().update('media.remoteChecks', true, vscode.ConfigurationTarget.Workspace);
    // The test server listens on loopback, which LINE could not reach: allowed here as for local testing.
    await config().update('media.allowPrivateAddresses', true, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('media.remoteChecks', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('media.allowPrivateAddresses', undefined, vscode.ConfigurationTarget.Workspace);
    await server?.close();
  });

  const mediaCodes = (uri: vscode.Uri) =>
    vscode.languages.getDiagnostics(uri).filter((d) => diagnosticCode(d)?.startsWith('media.')).map((d) => `${d.range.start.line + 1}:${diagnosticCode(d)}`);

  it('reports the real files at their URLs, does not refetch while typing, refetches on "Re-check Media Now"', async () => {
    const uri = vscode.Uri.joinPath(workspaceUri(), 'generated', 'media-carousel.line.json');
    const card = (title: string, url: string) => ({ title, description: 'd', media_message: { url }, choices: [{ text_message: { text: 'Buy' } }] });
    const payload = {
      app_id: '{{APP_ID}}',
      recipient: { contact_id: '{{CONTACT_ID}}' },
      message: { carousel_message: { cards: [card('Good', server.url('/good.jpg')), card('Wide', server.url('/wide.png')), card('Gone', server.url('/gone.jpg'))] } },
    };
    const text = JSON.stringify(payload, null, 2);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const wideLine = text.split('\n').findIndex((l) => l.includes('/wide.png')) + 1;
    const goneLine = text.split('\n').findIndex((l) => l.includes('/gone.jpg')) + 1;

    await waitFor('media findings', () => mediaCodes(uri).length === 2);
    assert.deepEqual(mediaCodes(uri), [`${wideLine}:media.image-too-wide`, `${goneLine}:media.unreachable`]);
    const wide = vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === 'media.image-too-wide')!;
    assert.equal(editor.document.getText(wide.range), JSON.stringify(server.url('/wide.png')));
    assert.match(wide.message, /1040/);

    const requestsAfterFirstCheck = server.stats.requests.length;
    const titleAt = editor.document.positionAt(text.indexOf('"Good"') + 1);
    await editor.edit((e) => e.insert(titleAt, 'Very '));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(mediaCodes(uri), [`${wideLine}:media.image-too-wide`, `${goneLine}:media.unreachable`], 'findings stay in place after an edit');
    const afterTyping = server.stats.requests.length;
    // /gone.jpg answered 404 (cached briefly as a failure); the two images are fresh for max-age=600.
    assert.equal(server.stats.requests.filter((r, i) => i >= requestsAfterFirstCheck && r.path !== '/gone.jpg').length, 0, 'typing did not refetch the images');

    await vscode.commands.executeCommand('convapiLine.recheckMedia');
    await waitFor('the re-check to ask the server again', () => server.stats.requests.slice(afterTyping).some((r) => r.path === '/wide.png'));
  });

  it('clears media findings when remote checks are turned off', async () => {
    const uri = vscode.Uri.joinPath(workspaceUri(), 'generated', 'media-carousel.line.json');
    assert.ok(mediaCodes(uri).length > 0);
    await config().update('media.remoteChecks', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('media findings to disappear', () => mediaCodes(uri).length === 0);
  });
});
