import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveFile, startHttpsTestServer, type TestServer } from '../support/httpsTestServer';
import { type Workbench, useWorkbench } from './workbench';

/**
 * The README's first picture, taken as a person sees it: a card payload with a too-long title, its quick fix, and
 * the LINE preview with the card's real image, served over HTTPS on 127.0.0.1 with remote media checks on.
 */
describe('UI: the README overview with a loaded card image', function () {
  let server: TestServer;
  let folder: string;
  const image = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'media', 'summer-sale.png'));

  before(async function () {
    const read = (name: string) => fs.readFileSync(process.env[name] ?? assert.fail(`${name} is not set: run with scripts/vscode-test/run-ui.mjs`), 'utf8');
    server = await startHttpsTestServer({ cert: read('CONVAPI_UI_TLS_CERT'), key: read('CONVAPI_UI_TLS_KEY') });
    serveFile(server, '/summer-sale.png', { body: image, contentType: 'image/png', headers: { 'cache-control': 'max-age=600' } });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'convapi-ui-overview-'));
    fs.mkdirSync(path.join(folder, '.vscode'));
    // The test VS Code turns remote media off for every folder; this one serves its media itself, with the
    // certificate that run-ui.mjs made and that both the extension host and Chromium trust.
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'convapiLine.media.remoteChecks': true, 'convapiLine.media.allowPrivateAddresses': true }, null, 2));
    const payload = {
      app_id: '{{APP_ID}}',
      recipient: { contact_id: '{{CONTACT_ID}}' },
      message: {
        card_message: {
          title: 'Summer sale: 20% off every LINE sticker!!',
          description: 'Pick your favourites before Sunday',
          media_message: { url: server.url('/summer-sale.png') },
          choices: [{ text_message: { text: 'Shop now' }, postback_data: 'shop' }],
        },
      },
    };
    fs.writeFileSync(path.join(folder, 'summer-sale.line.json'), `${JSON.stringify(payload, null, 2)}\n`);
  });

  const open = useWorkbench(() => ({ folder }));

  after(async function () {
    await server?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows the squiggle, the quick fix and the preview with the real card image', async function () {
    const workbench: Workbench = open();
    await workbench.openFile('summer-sale.line.json');
    await workbench.errorSquiggles().first().waitFor({ state: 'visible', timeout: 60_000 });
    await workbench.runCommandFromPalette('Conversation API LINE: Open LINE Preview to the Side');
    const frame = workbench.webviewFrame();
    const img = frame.locator('[data-part="image"] img').first();
    await img.waitFor({ state: 'attached', timeout: 60_000 });
    const naturalWidth = async () => img.evaluate((element: HTMLImageElement) => element.naturalWidth).catch(() => 0);
    for (let waited = 0; (await naturalWidth()) === 0 && waited < 30_000; waited += 500) await workbench.page.waitForTimeout(500);
    const requests = server.stats.requests.map((r) => `${r.method} ${r.path} ${r.headers['user-agent'] ?? ''}`);
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content').catch(() => '?');
    assert.equal(await naturalWidth(), 1024, `the card image loaded in the preview; requests: ${JSON.stringify(requests)}; CSP: ${csp}`);
    assert.ok(server.requestsTo('/summer-sale.png').some((r) => r.method === 'GET'), 'the image came from the local server');
    assert.match(await frame.locator('body').innerText(), /1 error/);

    // The cursor into the underlined title, where a person clicks, then the quick-fix shortcut.
    await workbench.page.locator('.view-lines span', { hasText: 'Summer sale: 20% off' }).first().click();
    const fix = workbench.page.locator('.action-widget .monaco-list-row', { hasText: 'Trim to 40 characters' });
    // The shortcut can arrive before the code actions of the new cursor position are known: ask again, then click
    // the lightbulb, as a person would.
    for (let attempt = 1; ; attempt++) {
      if (attempt < 3) await workbench.page.keyboard.press('Control+.');
      else await workbench.page.locator('.lightBulbWidget').first().click();
      try {
        await fix.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await workbench.page.waitForTimeout(500);
    await workbench.screenshot('00-vscode-overview');
    await workbench.page.keyboard.press('Escape');
  });
});
