import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { post } from '../support/httpPost';
import { walkthroughPage, walkthroughTitle } from './walkthroughPage';
import { type Workbench, uiEnvironment, useWorkbench } from './workbench';

/**
 * The getting-started walkthrough as a person meets it: opened from the palette, its steps ticked off by doing what
 * they say, through the walkthrough's own buttons. Steps whose commands belong to the send and listener features
 * complete on their context keys once those are merged; the ones here need no LINE account.
 */
/** VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` in the test VS Code's user and machine settings. */
function setOpenOnInstall(value: boolean): void {
  const userData = process.env.CONVAPI_UI_USER_DATA ?? assert.fail('CONVAPI_UI_USER_DATA is not set: run with scripts/vscode-test/run-ui.mjs');
  for (const scope of ['User', 'Machine']) {
    const file = path.join(userData, scope, 'settings.json');
    const settings = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...settings, 'workbench.welcomePage.walkthroughs.openOnInstall': value }, null, 2));
  }
}

describe('UI: the getting-started walkthrough', function () {
  // Before the workbench opens: the listener on a free port (another run may hold the default one).
  before(() => {
    const { workspace } = uiEnvironment();
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const settings = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'convapiLine.listener.port': 0 }, null, 2));
    // The test VS Code keeps walkthroughs from opening on install (they would take other suites' focus): this suite
    // tests that opening, so it turns VS Code's switch back on, as a user's default has it.
    setOpenOnInstall(true);
  });
  after(() => setOpenOnInstall(false));
  const open = useWorkbench();
  let workbench: Workbench;
  let walkthrough: ReturnType<typeof walkthroughPage>;
  beforeEach(() => {
    workbench = open();
    walkthrough = walkthroughPage(workbench);
  });

  const page = () => walkthrough.page();
  const step = (id: string): Locator => walkthrough.step(id);
  const isDone = (id: string) => walkthrough.isDone(id);

  /** Selects a step (it unfolds its description) and clicks the button its description holds. */
  async function clickStepButton(id: string, label: string): Promise<void> {
    await step(id).click();
    const button = page().locator('.step-description-container .monaco-button, .step-description-container a.button-link').filter({ hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await button.click();
  }

  /**
   * Opens a file by clicking it in the Explorer: Quick Open can lose its input to the walkthrough opening itself
   * while the window starts, and right after a reload.
   */
  async function openFromExplorer(name: string): Promise<void> {
    const row = workbench.page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: name }).filter({ hasNotText: '-' }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await workbench.activeTab(name).waitFor({ state: 'visible', timeout: 30_000 });
  }

  const welcomeTabs = () => workbench.page.locator('.tabs-container .tab').filter({ hasText: 'Welcome' });

  it('opens by itself on the first activation, beside the payload being opened, and not again after a reload', async function () {
    // Every test window has a browser profile of its own, where the extension's global state starts empty: the
    // extension activates for the first time there (at start-up, or when the file opens).
    await openFromExplorer('card.line.json');
    await workbench.page.locator('.monaco-editor .codelens-decoration', { hasText: 'Open LINE Preview' }).first().waitFor({ timeout: 60_000 });
    await welcomeTabs().first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await welcomeTabs().count(), 1, 'opened once');
    assert.equal(await workbench.page.locator('.tabs-container .tab').filter({ hasText: 'card.line.json' }).count(), 1, 'the payload keeps its tab');
    await workbench.runCommandFromPalette('View: Close All Editor Groups');
    await welcomeTabs().first().waitFor({ state: 'detached', timeout: 10_000 });
    const navigated = workbench.page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await workbench.runCommandFromPalette('Developer: Reload Window');
    await navigated;
    await openFromExplorer('card.line.json');
    await workbench.page.locator('.monaco-editor .codelens-decoration', { hasText: 'Open LINE Preview' }).first().waitFor({ timeout: 60_000 });
    await workbench.page.waitForTimeout(3_000);
    assert.equal(await welcomeTabs().count(), 0, 'no walkthrough tab after the second activation');
  });

  it('opens from the command palette with every step, none done yet', async function () {
    await walkthrough.open();
    const manifest = JSON.parse(fs.readFileSync(path.join(workbench.env.repoRoot, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { id: string; title: string }[] }[] };
    };
    const steps = manifest.contributes.walkthroughs[0]!.steps;
    assert.equal(await page().locator('button.getting-started-step').count(), steps.length);
    for (const s of steps) {
      assert.match(await step(s.id).innerText(), new RegExp(s.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal(await isDone(s.id), false, `${s.id} is not done before anything was done`);
    }
  });

  it('ticks "Create a payload" off when its button made a payload', async function () {
    await clickStepButton('createPayload', 'New LINE Payload');
    const pick = workbench.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Carousel' }).first();
    await pick.waitFor({ state: 'visible', timeout: 30_000 });
    // Picked with the keyboard, as a person mostly does: the list may still be settling while the walkthrough lays out.
    await workbench.page.locator('.quick-input-widget input').fill('Carousel');
    await workbench.page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'Carousel' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    // Into the pick's own input: the walkthrough page may have taken the keyboard focus meanwhile (it re-renders as
    // steps change), and a page-level Enter would go there. If the pick is still open after that, once more.
    const filter = workbench.page.locator('.quick-input-widget input');
    await filter.press('Enter');
    const accepted = () => workbench.page.waitForFunction(() => !(document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.startsWith('Carousel'), null, { timeout: 5_000 });
    await accepted().catch(async () => {
      await filter.press('Enter');
      await accepted();
    });
    // The save dialog proposes carousel.line.json in the workspace folder: accept it as it is.
    const input = workbench.page.locator('.quick-input-widget input');
    await workbench.page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('carousel.line.json'), null, { timeout: 30_000 });
    await input.press('Enter');
    await workbench.activeTab('carousel.line.json').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(fs.existsSync(path.join(workbench.env.workspace, 'carousel.line.json')), 'the payload file was written');
    // VS Code names a walkthrough's tab "Welcome", whichever walkthrough it shows.
    await welcomeTabs().first().click();
    await page().filter({ hasText: walkthroughTitle }).waitFor({ state: 'visible', timeout: 30_000 });
    await walkthrough.waitDone('createPayload');
    assert.equal(await isDone('previewPayload'), false);
  });

  it('ticks "Preview it" off when its button opened the LINE preview of that payload', async function () {
    await clickStepButton('previewPayload', 'Open LINE Preview to the Side');
    const cards = workbench.webviewFrame().locator('[data-part="card"]');
    await cards.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok((await cards.count()) >= 2, 'the preview draws the carousel the step created');
    await walkthrough.waitDone('previewPayload');
    // Steps that need the send and listener features (or a LINE account) stay open: nothing ticks them off by accident.
    for (const id of ['createChannel', 'configureLineChannel', 'addFriend', 'sendPayload']) assert.equal(await isDone(id), false, id);
    await workbench.screenshot('30-walkthrough-preview');
    // For the README: the walkthrough alone, wide enough to show a step's picture beside the list.
    await workbench.page.locator('.tabs-container .tab').filter({ hasText: 'LINE Preview' }).first().click();
    await workbench.runCommandFromPalette('View: Close Editor');
    await walkthrough.open();
    await step('sendPayload').click();
    await page().locator('.getting-started-media').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await workbench.page.waitForTimeout(2_000);
    await workbench.screenshot('31-walkthrough');
  });

  it('ticks "Add the bot as a friend" off when the first callback reaches the listener, not before', async function () {
    assert.equal(await isDone('addFriend'), false, 'no callback yet');
    try {
      // Started from the walkthrough's own button, as its step says.
      await clickStepButton('startListener', 'Start Listener');
      const status = workbench.page.locator('.statusbar-item').filter({ hasText: /127\.0\.0\.1:\d+/ }).first();
      await status.waitFor({ state: 'visible', timeout: 30_000 });
      const port = /127\.0\.0\.1:(\d+)/.exec(await status.innerText())![1];
      await workbench.page.waitForTimeout(1_000);
      assert.equal(await isDone('addFriend'), false, 'starting the listener is not a friend being added');
      // What Sinch sends when someone adds the bot: the spec page's opt-in.
      const optIn = fs.readFileSync(path.join(workbench.env.repoRoot, 'test', 'fixtures', 'spec', '02-callback-opt-in.json'), 'utf8');
      assert.equal((await post(`http://127.0.0.1:${port}/`, optIn)).status, 200);
      await welcomeTabs().first().click();
      await walkthrough.waitDone('addFriend');
    } finally {
      // The window's extension host outlives the closed page for a while: a listener left running there would
      // answer in the next suite's place.
      await workbench.runCommandFromPalette('Stop Webhook Listener', 20_000).catch(() => undefined);
    }
  });
});
