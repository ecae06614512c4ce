import * as assert from 'node:assert/strict';
import { type Workbench, useWorkbench } from './workbench';

/**
 * What a person sees of the preview and the quick fix: run from the palette, read inside the webview's nested
 * iframes, typed into the editor, and after a reload of the window.
 */
describe('UI: LINE preview and quick fix in the workbench', function () {
  const open = useWorkbench();
  let workbench: Workbench;
  beforeEach(() => {
    workbench = open();
  });

  const previewTitle = () => workbench.webviewFrame().locator('[data-part="title"]').first();

  it('opens the preview beside the editor and draws the card as LINE does', async function () {
    await workbench.openFile('card-title-too-long.line.json');
    await workbench.runCommandFromPalette('Sinch Conversation API LINE: Open LINE Preview to the Side');
    await previewTitle().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await previewTitle().innerText(), /Summer sale: 20% off every LINE sticker!/);
    const frame = workbench.webviewFrame();
    assert.equal(await frame.locator('[data-part="card"]').count(), 1);
    assert.equal(await frame.locator('[data-part="button"]').count(), 1);
    // The title breaks LINE's 40-character limit: the preview marks it instead of pretending it would render.
    assert.equal(await frame.locator('[data-part="title"][data-problem="error"]').count(), 1);
    await workbench.screenshot('10-preview');
  });

  it('follows edits in the editor without reopening', async function () {
    await workbench.page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await workbench.page.keyboard.press('Control+F');
    await workbench.page.keyboard.type('Summer sale');
    await workbench.page.keyboard.press('Escape');
    await workbench.page.keyboard.type('Winter sale');
    const frame = workbench.webviewFrame();
    await frame.locator('[data-part="title"]', { hasText: 'Winter sale' }).waitFor({ timeout: 30_000 });
    await workbench.screenshot('11-preview-follows-edit');
  });

  it('offers "Trim to 40 characters" from the quick-fix lightbulb', async function () {
    await workbench.page.keyboard.press('Control+.');
    const item = workbench.page.locator('.action-widget .monaco-list-row', { hasText: 'Trim to 40 characters' });
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.screenshot('12-quick-fix');
    await item.click();
    await workbench.webviewFrame().locator('[data-part="title"]:not([data-problem])').first().waitFor({ timeout: 30_000 });
    assert.equal((await previewTitle().innerText()).trim().length, 40);
    await workbench.page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, null, { timeout: 30_000 });
  });

  it('comes back after the window reloads', async function () {
    // As a person does it: VS Code's own reload saves the window's state (open editors, webview state) first, where a
    // bare browser reload may cut that write short.
    const navigated = workbench.page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await workbench.runCommandFromPalette('Developer: Reload Window');
    await navigated;
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await previewTitle().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await previewTitle().innerText(), /sale/);
    await workbench.screenshot('13-preview-after-reload');
  });
});
