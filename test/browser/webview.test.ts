import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkText } from '../../src/core/check';
import type { PreviewModel, PreviewState, ThemeSetting } from '../../src/protocol/preview';
import { previewHtml } from '../../src/vscode/preview/previewHtml';
import * as sample from '../unit/render/samplePayloads';
import { launchChromium } from './chromium';
import { routeRequests } from './mediaRoutes';
import { repoRoot } from './repoRoot';

// The webview bundle as shipped (dist/preview.js from `node esbuild.mjs`), in the page the extension builds, under
// its real CSP, with VS Code's `acquireVsCodeApi` stubbed. The origin stands in for `webview.cspSource`.
const origin = 'https://webview.test';
const uri = 'file:///work/payloads/offer.line.json';

function model(payload: unknown, version: number, documentUri = uri): PreviewModel {
  const { document, diagnostics } = checkText(JSON.stringify(payload, null, 2));
  return { uri: documentUri, version, payload: document.value, diagnostics };
}

interface WebviewWindow {
  __posted: unknown[];
  __state: unknown;
  __violations: string[];
  __loadMarker?: number;
}

describe('LINE preview webview bundle in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let requested: string[];
  let navigations: number;
  const bundle = join(repoRoot(), 'dist', 'preview.js');

  before(async function () {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "node esbuild.mjs" before the browser suites`);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.close();
  });

  async function open(initial: PreviewModel | undefined, options: { theme?: ThemeSetting; savedState?: PreviewState; bodyClass?: string; remoteMedia?: boolean } = {}) {
    page = await browser.newPage({ viewport: { width: 520, height: 900 } });
    const html = previewHtml({
      cspSource: origin,
      scriptUri: `${origin}/dist/preview.js`,
      styleUri: `${origin}/media/preview/preview.css`,
      nonce: 'bm9uY2UtZm9yLXRlc3Rz',
      remoteMedia: options.remoteMedia ?? true,
      initial: { model: initial, theme: options.theme ?? 'auto' },
    });
    // VS Code puts its theme class on <body> before the page's scripts run.
    const pageHtml = html.replace('<body>', `<body class="${options.bodyClass ?? 'vscode-light'}">`);
    requested = await routeRequests(page, {
      [`${origin}/index.html`]: { body: pageHtml, contentType: 'text/html' },
      [`${origin}/dist/preview.js`]: { body: readFileSync(bundle), contentType: 'text/javascript' },
      [`${origin}/media/preview/preview.css`]: { body: readFileSync(join(repoRoot(), 'media', 'preview', 'preview.css')), contentType: 'text/css' },
    });
    await page.addInitScript((saved) => {
      const w = window as unknown as WebviewWindow & { acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.__state = saved;
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      w.acquireVsCodeApi = () => ({
        postMessage: (message: unknown) => w.__posted.push(message),
        getState: () => w.__state,
        setState: (state: unknown) => {
          w.__state = state;
        },
      });
    }, options.savedState);
    navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
  }

  const posted = () => page.evaluate(() => (window as unknown as WebviewWindow).__posted);
  const state = () => page.evaluate(() => (window as unknown as WebviewWindow).__state);
  const violations = () => page.evaluate(() => (window as unknown as WebviewWindow).__violations);
  const send = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);

  it('draws the model from data-initial, saves the document URI in its state and says ready', async () => {
    await open(model(sample.card(), 1));
    assert.equal(await page.locator('[data-part="card"]').count(), 1);
    assert.equal(await page.locator('[data-part="title"]').textContent(), 'Summer sale');
    assert.deepEqual(await state(), { uri });
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    assert.deepEqual(await violations(), []);
  });

  it('emits no <img> when remote media is turned off: placeholders, no request, nothing for the CSP to refuse', async () => {
    await open(model(sample.carousel(3), 1), { remoteMedia: false });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('img').count(), 0, 'no <img> element at all');
    assert.deepEqual(await violations(), [], 'no CSP violation (console noise)');
    assert.deepEqual(requested.filter((url) => !url.startsWith(origin)), [], 'no request for payload media');
    const image = page.locator('[data-part="card"] [data-part="image"]').first();
    assert.match(await image.innerText(), /Image[\s\S]*not loaded: remote media is off/);
    const box = await image.boundingBox();
    assert.ok(box && Math.abs(box.width / box.height - 1.51) < 0.02, 'the 1.51:1 box stays');
    // Updates draw the same way.
    await send({ type: 'update', model: model(sample.card(), 2) });
    await page.locator('[data-kind="card"]').waitFor();
    assert.equal(await page.locator('img').count(), 0);
    await open(model(sample.carousel(3), 1), { remoteMedia: true });
    await page.locator('[data-part="card"] img').first().evaluate((img: HTMLImageElement) => img.decode().catch(() => undefined));
    assert.ok(requested.some((url) => !url.startsWith(origin)), 'with remote media on, the same page asks for the images');
  });

  it('redraws in place when an update arrives, without reloading the page, and ignores older versions', async () => {
    await open(model(sample.card(), 1));
    await page.evaluate(() => ((window as unknown as WebviewWindow).__loadMarker = 42));
    await send({ type: 'update', model: model(sample.carousel(3), 2) });
    await page.locator('[data-kind="carousel"] [data-part="card"]').nth(2).waitFor();
    assert.equal(await page.locator('[data-part="card"]').count(), 3);
    assert.equal(await page.evaluate(() => (window as unknown as WebviewWindow).__loadMarker), 42, 'same page, not reloaded');
    assert.equal(navigations, 1);

    await send({ type: 'update', model: model(sample.text('stale'), 1) });
    await send({ type: 'update', model: model(sample.card({ title: 'x'.repeat(41) }), 3) });
    await page.locator('[data-part="title"][data-problem="error"]').waitFor();
    assert.equal(await page.locator('[data-kind="text"]').count(), 0, 'version 1 came after version 2 and was dropped');

    await send({ type: 'update', model: model(sample.text('Other file'), 1, 'file:///work/payloads/other.line.json') });
    await page.locator('[data-kind="text"]').waitFor();
    assert.deepEqual(await state(), { uri: 'file:///work/payloads/other.line.json' });
  });

  it('applies the chat styles under the strict CSP: no violation, LINE\'s 1.51:1 image box', async () => {
    await open(model(sample.card(), 1));
    await page.locator('[data-part="image"] img').evaluate((img: HTMLImageElement) => img.decode());
    const box = await page.locator('[data-part="image"]').boundingBox();
    assert.ok(box && Math.abs(box.width / box.height - 1.51) <= 0.02, `ratio ${box && (box.width / box.height).toFixed(3)}`);
    assert.equal(await page.locator('.lp-phone').evaluate((e) => getComputedStyle(e).width), '375px');
    assert.equal(await page.locator('[data-part="image"]').getAttribute('data-loaded'), 'true');
    assert.deepEqual(await violations(), []);
    const foreign = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('https://media.test/'));
    assert.deepEqual(foreign, []);
  });

  it('loads https: media only: an http: image or video in the page is refused by the policy and never requested', async () => {
    await open(model(sample.image('http://169.254.169.254/latest/meta-data/a.png'), 1), { remoteMedia: true });
    assert.equal(await page.locator('img[src^="http:"]').count(), 0, 'the renderer draws no http: image');
    // As if the renderer failed: the page's policy must still refuse the request.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'http://169.254.169.254/latest/meta-data/b.png';
      const video = document.createElement('video');
      video.src = 'http://10.0.0.1/c.mp4';
      document.body.append(img, video);
    });
    // Chromium reports the refusals asynchronously (a busy machine takes its time): wait for both, not a fixed while.
    const expected = ['img-src http://169.254.169.254/latest/meta-data/b.png', 'media-src http://10.0.0.1/c.mp4'];
    const reported = (all: string[]) => all.every((v) => (window as unknown as WebviewWindow).__violations.includes(v));
    await page.waitForFunction(reported, expected, { timeout: 20_000 }).catch(() => undefined);
    assert.deepEqual(requested.filter((url) => url.startsWith('http:')), [], 'no http: request reached the network layer');
    const refused = await violations();
    for (const violation of expected) assert.ok(refused.includes(violation), `${violation} is missing from: ${refused.join()}`);
  });

  it('picks the chat theme from a picker that shows the current state, and keeps the pick in its state', async () => {
    await open(model(sample.card(), 1), { bodyClass: 'vscode-light' });
    const picker = page.locator('#chat-theme');
    assert.equal(await picker.inputValue(), 'auto');
    assert.equal(await picker.locator('option:checked').innerText(), 'As VS Code (light)');
    assert.equal(await page.locator('.lp-root').getAttribute('data-theme'), 'light');
    await picker.selectOption('dark');
    assert.equal(await page.locator('.lp-root').getAttribute('data-theme'), 'dark');
    assert.equal(await picker.inputValue(), 'dark');
    assert.deepEqual(await state(), { uri, theme: 'dark' });
    await picker.selectOption('auto');
    assert.equal(await page.locator('.lp-root').getAttribute('data-theme'), 'light');
    assert.deepEqual(await state(), { uri }, 'back to following the setting');
    // The picker follows a theme change of VS Code too.
    await page.evaluate(() => (document.body.className = 'vscode-dark'));
    await page.waitForFunction(() => (document.querySelector('#chat-theme option:checked') as HTMLOptionElement).textContent === 'As VS Code (dark)');
    assert.equal(await page.locator('.lp-root').getAttribute('data-theme'), 'dark');
  });

  it('offers lock/follow: the pick is posted to the extension, kept in the state, and set by the extension', async () => {
    await open(model(sample.card(), 1));
    const lock = page.locator('#preview-lock');
    assert.equal(await lock.inputValue(), 'follow');
    await lock.selectOption('locked');
    assert.deepEqual((await posted()).filter((m) => (m as { type: string }).type === 'lock'), [{ type: 'lock', locked: true }]);
    assert.deepEqual(await state(), { uri, locked: true });
    await send({ type: 'lock', locked: false });
    await page.waitForFunction(() => (document.getElementById('preview-lock') as HTMLSelectElement).value === 'follow');
    assert.deepEqual(await state(), { uri });
    await page.close();
    await open(model(sample.card(), 1), { savedState: { uri, locked: true } });
    assert.equal(await page.locator('#preview-lock').inputValue(), 'locked', 'restored after a reload');
  });

  it('draws everything outside the phone in VS Code\'s colours: the summary reads in a light theme', async () => {
    await open(model(sample.card({ title: 'x'.repeat(41) }), 1), { bodyClass: 'vscode-light' });
    // VS Code sets its theme colours as CSS variables on the page; these are Light+'s.
    await page.evaluate(() => {
      const style = document.documentElement.style;
      style.setProperty('--vscode-editor-background', '#ffffff');
      style.setProperty('--vscode-foreground', '#3b3b3b');
      style.setProperty('--vscode-editorWidget-background', '#f8f8f8');
      style.setProperty('--vscode-editorWidget-foreground', '#3b3b3b');
      style.setProperty('--vscode-editorWidget-border', '#c8c8c8');
    });
    const summary = page.locator('.lp-summary');
    const colours = await summary.evaluate((e) => {
      const s = getComputedStyle(e);
      return { background: s.backgroundColor, color: s.color, border: s.borderTopColor, body: getComputedStyle(document.body).backgroundColor };
    });
    assert.equal(colours.background, 'rgb(248, 248, 248)');
    assert.equal(colours.color, 'rgb(59, 59, 59)');
    assert.equal(colours.border, 'rgb(200, 200, 200)', 'a visible frame, not only the left border');
    assert.notEqual(colours.background, colours.body);
    assert.deepEqual(await violations(), []);
  });

  it('follows VS Code\'s theme and the theme setting, and restores a picked theme after a reload', async () => {
    await open(model(sample.card(), 1), { bodyClass: 'vscode-dark' });
    assert.equal(await page.locator('.lp-root').getAttribute('data-theme'), 'dark');
    await page.evaluate(() => (document.body.className = 'vscode-light'));
    await page.locator('.lp-root[data-theme="light"]').waitFor();
    await send({ type: 'settings', theme: 'dark' });
    await page.locator('.lp-root[data-theme="dark"]').waitFor();
    await page.close();

    await open(model(sample.card(), 1), { savedState: { uri, theme: 'dark' } });
    assert.equal(await page.locator('.lp-root').getAttribute('data-theme'), 'dark');
  });

  it('asks the extension to reveal a marked part when it is clicked', async () => {
    await open(model(sample.card({ title: 'x'.repeat(41) }), 1));
    await page.locator('[data-part="title"][data-problem="error"]').click();
    await page.locator('[data-part="problem"][data-code="card.title.too-long"]').click();
    const reveals = (await posted()).filter((m) => (m as { type: string }).type === 'reveal');
    assert.deepEqual(reveals, [
      { type: 'reveal', pointer: '/message/card_message/title' },
      { type: 'reveal', pointer: '/message/card_message/title' },
    ]);
  });

  it('waits for a payload when it has none yet', async () => {
    await open(undefined);
    assert.match((await page.locator('#preview').textContent()) ?? '', /Open a LINE payload file/);
    await send({ type: 'update', model: model(sample.choice(), 1) });
    await page.locator('[data-kind="choice"]').waitFor();
  });
});
