import * as assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkText } from '../../src/core/check';
import { type PreviewTheme, chatStyles, renderMessage, renderPage } from '../../src/core/render';
import * as sample from '../unit/render/samplePayloads';
import { launchChromium } from './chromium';
import { routeRequests } from './mediaRoutes';
import { repoRoot } from './repoRoot';

function checked(payload: unknown) {
  const { document, diagnostics } = checkText(JSON.stringify(payload, null, 2));
  return { payload: document.value, diagnostics };
}

const stickerUrl = 'https://stickershop.line-scdn.net/stickershop/v1/sticker/1988/android/sticker.png';

describe('LINE preview page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let requested: string[];
  let dialogs: string[];

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 480, height: 900 } });
    dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    requested = await routeRequests(page);
  });
  afterEach(async () => {
    await page?.close();
  });

  async function show(payload: unknown, theme: PreviewTheme = 'light') {
    await page.setContent(renderPage(checked(payload), { theme, title: 'payload.line.json' }), { waitUntil: 'load' });
  }

  async function ratioOf(selector: string, index = 0): Promise<number> {
    const box = await page.locator(selector).nth(index).boundingBox();
    assert.ok(box && box.height > 0, `${selector} has no box`);
    return box.width / box.height;
  }

  it('shows a 10-card carousel as 10 side-by-side cards, each with its 3 buttons, scrolling sideways', async () => {
    await show(sample.carousel(10));
    const cards = page.locator('[data-part="bubble"][data-kind="carousel"] [data-part="card"]');
    assert.equal(await cards.count(), 10);
    const tops = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const card = cards.nth(i);
      const box = await card.boundingBox();
      assert.ok(box && box.width > 200 && box.height > 250, `card ${i + 1} is drawn`);
      tops.add(Math.round(box.y));
      assert.deepEqual(await card.locator('[data-part="button"]').allTextContents(), ['Buy now', 'Details', 'Ask us']);
      assert.deepEqual(
        await card.locator('[data-part="button"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action'))),
        ['postback', 'url', 'call'],
      );
    }
    assert.equal(tops.size, 1, 'all cards sit in one row');
    const row = await page.locator('.lp-carousel').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, overflow: getComputedStyle(e).overflowX }));
    assert.equal(row.overflow, 'auto');
    assert.ok(row.scroll > row.client * 5, `the row scrolls: ${row.scroll} > 5 × ${row.client}`);
    await cards.nth(9).scrollIntoViewIfNeeded();
    const last = await cards.nth(9).locator('[data-part="button"]').nth(2).boundingBox();
    assert.ok(last && last.x >= 0 && last.x + last.width <= 480, 'the 10th card scrolls into view');
  });

  it('the standalone page loads https: media only: an http: image in the payload or the page is never requested', async () => {
    const html = renderPage(checked(sample.image('http://169.254.169.254/latest/meta-data/a.png')), { theme: 'light', title: 'payload.line.json' });
    const slipped = html.replace('</body>', '<img src="http://169.254.169.254/latest/meta-data/b.png"><video src="http://10.0.0.1/c.mp4"></video><img src="https://media.test/ok.png"></body>');
    await page.setContent(slipped, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    assert.deepEqual(requested.filter((url) => url.startsWith('http:')), []);
    assert.ok(requested.includes('https://media.test/ok.png'), 'https: media still loads');
  });

  it('keeps LINE\'s aspect ratio box for card images, loaded or not: 1.51:1 rectangle, 1:1 square', async () => {
    await show(sample.card());
    const loaded = await ratioOf('[data-part="image"]');
    assert.ok(Math.abs(loaded - 1.51) <= 0.02, `rectangle ratio ${loaded.toFixed(3)}`);
    assert.ok((await page.locator('[data-part="image"] img').evaluate((img: HTMLImageElement) => img.naturalWidth)) > 0);
    const loadedHeight = (await page.locator('[data-part="image"]').boundingBox())!.height;

    await show(sample.card({ media_message: { url: 'https://blocked.test/sale.png' } }));
    const blocked = await ratioOf('[data-part="image"]');
    assert.ok(Math.abs(blocked - 1.51) <= 0.02, `placeholder ratio ${blocked.toFixed(3)}`);
    assert.equal((await page.locator('[data-part="image"]').boundingBox())!.height, loadedHeight, 'same layout when the image is blocked');
    assert.equal(await page.locator('[data-part="image"] img').evaluate((img: HTMLImageElement) => img.naturalWidth), 0);

    await show(sample.squareTemplate());
    const square = await ratioOf('[data-part="image"]');
    assert.ok(Math.abs(square - 1) <= 0.02, `square ratio ${square.toFixed(3)}`);

    await show(sample.carousel(3));
    for (let i = 0; i < 3; i++) {
      const ratio = await ratioOf('[data-part="image"]', i);
      assert.ok(Math.abs(ratio - 1.51) <= 0.02, `carousel image ${i + 1} ratio ${ratio.toFixed(3)}`);
    }
  });

  it('shows a hostile title as text and runs nothing, with or without the page CSP', async () => {
    const payload = sample.card({
      title: sample.hostile,
      description: '<script>alert(2)</script>',
      choices: [sample.choices.url('<svg onload=alert(3)>', 'javascript:alert(4)')],
    });
    const bare = `<!DOCTYPE html><meta charset="utf-8"><style>${chatStyles}</style><body>${renderMessage(checked(payload), { theme: 'light' })}</body>`;
    for (const html of [renderPage(checked(payload), { theme: 'light', title: sample.hostile }), bare]) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.locator('[data-part="button"]').click();
      await page.waitForTimeout(200);
      assert.equal(await page.locator('[data-part="title"]').textContent(), sample.hostile);
      assert.equal(await page.locator('[data-part="description"]').textContent(), '<script>alert(2)</script>');
      assert.equal(await page.locator('[data-part="button"]').textContent(), '<svg onload=alert(3)>');
      assert.equal(await page.locator('.lp-root img[src="x"], .lp-root script, .lp-root svg[onload]').count(), 0);
      assert.deepEqual(dialogs, []);
    }
    assert.deepEqual([...new Set(requested)], ['https://media.test/sale.png']);
  });

  it('requests the payload\'s own images and nothing else: no link target, video, audio or map', async () => {
    const cases: Array<[string, unknown, string[]]> = [
      ['card', sample.card(), ['https://media.test/sale.png']],
      ['carousel', sample.carousel(10), Array.from({ length: 10 }, (_, i) => `https://media.test/pack-${i + 1}.png`)],
      ['video', sample.video(), ['https://media.test/thumb.jpg']],
      ['audio', sample.audio(), []],
      ['location', sample.location(), []],
      ['explicit messages', sample.explicitShowcase(), [stickerUrl]],
      ['square template', sample.squareTemplate(), ['https://media.test/square.png']],
      ['non-http URLs', sample.image('javascript:alert(1)'), []],
      ['data URL', sample.image('data:image/png;base64,iVBORw0KGgo='), []],
    ];
    for (const [name, payload, expected] of cases) {
      requested.length = 0;
      await show(payload);
      assert.deepEqual([...new Set(requested)].sort(), [...expected].sort(), name);
    }
  });

  it('shows a sized, labelled placeholder where a sticker or image cannot load', async () => {
    await show(sample.sticker('446', '1988'));
    const sticker = page.locator('[data-kind="sticker"] img');
    assert.equal(await sticker.evaluate((img: HTMLImageElement) => img.naturalWidth), 0, 'the sticker host is blocked here');
    const label = await sticker.evaluate((img) => getComputedStyle(img, '::after').content);
    assert.match(label, /Sticker 446\/1988/);
    const box = await page.locator('[data-kind="sticker"] [data-part="image"]').boundingBox();
    assert.deepEqual([Math.round(box!.width), Math.round(box!.height)], [150, 150]);
  });

  // Screenshots go to test-results/ (git-ignored); `npm run docs:screenshots` writes them into docs/ for the README.
  it('draws LINE\'s light and dark chat as screenshots (preview-light.png, preview-dark.png)', async () => {
    const showcase: Array<[string, unknown]> = [
      ['A card LINE would refuse: title over 40 characters, a long button label', sample.card({
        title: 'Summer sale: 20% off every LINE sticker!!',
        choices: [sample.choices.postback('Yes please'), sample.choices.url('Open the online sticker shop'), sample.choices.call('Call the store'), sample.choices.location('Find a store')],
      })],
      ['A carousel: columns scroll sideways', sample.carousel(4)],
      ['Explicit LINE messages: text, sticker (network blocked here), location, confirm', sample.explicitShowcase()],
    ];
    const outDir = process.env.CONVAPI_SCREENSHOTS_DIR ?? join(repoRoot(), 'test-results', 'browser');
    mkdirSync(outDir, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const columns = showcase
        .map(([caption, payload]) => `<section><h2>${caption}</h2>${renderMessage(checked(payload), { theme })}</section>`)
        .join('');
      const background = theme === 'light' ? '#eef1f5' : '#0d0e10';
      const color = theme === 'light' ? '#1f2328' : '#d8d8d8';
      await page.setViewportSize({ width: 1260, height: 900 });
      await page.setContent(
        `<!DOCTYPE html><meta charset="utf-8"><style>${chatStyles}
body { margin: 0; padding: 20px; background: ${background}; color: ${color}; display: flex; gap: 24px; align-items: flex-start; }
section { width: 390px; } h2 { height: 34px; margin: 0 0 8px; font: 600 13px/1.35 "Liberation Sans", Arial, sans-serif; text-align: center; }
</style><body>${columns}</body>`,
        { waitUntil: 'load' },
      );
      assert.equal(await page.locator(`.lp-root[data-theme="${theme}"]`).count(), 3);
      const path = join(outDir, `preview-${theme}.png`);
      await page.screenshot({ path, fullPage: true });
      assert.ok(statSync(path).size > 20_000, `${path} holds a real screenshot`);
    }
  });
});
