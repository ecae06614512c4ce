import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type RunningHandler, signatureMatches, startHandler, verifyingHandler } from '../support/webhookHandlers';
import { Workbench, useWorkbench } from './workbench';

describe('UI: callback simulator', function () {
  const open = useWorkbench();
  const secret = 'ui-webhook-secret';
  let workbench: Workbench;
  let handler: RunningHandler;
  before(async () => {
    handler = await startHandler(verifyingHandler(secret));
  });
  after(() => handler.close());
  beforeEach(() => {
    workbench = open();
  });

  const quickInput = () => workbench.page.locator('.quick-input-widget input');
  const pick = async (text: string) => {
    const row = workbench.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
  };
  /** Answers an input box: the prompt must be on screen, then the value replaces what is there. */
  const answer = async (prompt: RegExp, value: string) => {
    await workbench.page.locator('.quick-input-widget').filter({ hasText: prompt }).waitFor({ state: 'visible', timeout: 30_000 });
    await quickInput().fill(value);
    await quickInput().press('Enter');
  };
  const toast = (text: RegExp) => workbench.page.locator('.notifications-toasts .notification-list-item-message').filter({ hasText: text }).first();

  it('sends a sample callback chosen from the palette, signed, and shows the status and latency', async function () {
    await workbench.runCommandFromPalette('Conversation API LINE: Send Sample Callback…');
    await quickInput().fill('Inbound text');
    await pick('Inbound text');
    await pick('Send Now');
    await answer(/URL of the webhook handler/, handler.url);
    await answer(/No webhook secret is stored/, secret);
    const message = toast(/Inbound text → 200 in \d+ ms/);
    await message.waitFor({ state: 'visible', timeout: 30_000 });
    const arrived = handler.requests.find((r) => r.body.includes('"Text MO"'));
    assert.ok(arrived, 'the handler received the inbound text');
    assert.ok(signatureMatches(secret, arrived.headers, arrived.body));
    await workbench.page.waitForTimeout(800);
    await workbench.screenshot('simulator-01-sent');
    // The handler's body, a click away: the verifying handler answers "ok".
    await workbench.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: /Inbound text → 200/ }).getByRole('button', { name: 'Show Response' }).click();
    await workbench.page.locator('.editor-group-container.active .monaco-editor .view-lines').filter({ hasText: /^ok$/ }).waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('opens a sample to edit, with its schema and a Send This Callback lens that sends the edited file', async function () {
    const before = handler.requests.length;
    await workbench.runCommandFromPalette('Conversation API LINE: Send Sample Callback…');
    await quickInput().fill('Delivery failed');
    await pick('Delivery failed');
    await pick('Edit First');
    await workbench.activeTab('delivery-failed.callback.json').waitFor({ state: 'visible', timeout: 30_000 });
    const lens = workbench.page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: 'Send This Callback' }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    await lens.click();
    // The last URL is offered again.
    await workbench.page.locator('.quick-input-widget').filter({ hasText: /URL of the webhook handler/ }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await quickInput().inputValue(), handler.url);
    await quickInput().press('Enter');
    await answer(/No webhook secret is stored/, secret);
    await toast(/delivery-failed\.callback\.json → 200 in \d+ ms/).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(handler.requests.length, before + 1);
    assert.match(handler.requests.at(-1)!.body, /MEDIA_NOT_REACHABLE/);
    await workbench.page.waitForTimeout(800);
    await workbench.screenshot('simulator-02-edit-and-send');
  });
});

describe('UI: a sample callback arrives in the Callbacks view', function () {
  let workbench: Workbench;
  let folder: string;
  before(async function () {
    // A folder of its own whose settings let the listener take any free port: 8855 may be in use on a shared machine.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'convapi-ui-simulator-'));
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'convapiLine.listener.port': 0 }));
    fs.writeFileSync(path.join(folder, 'README.md'), 'simulator UI test\n');
    workbench = await Workbench.open({ folder });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
  });
  after(async function () {
    await workbench?.runCommandFromPalette('Conversation API LINE: Stop Webhook Listener').catch(() => undefined);
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('starts the listener, sends Inbound text to it from the palette, and shows it in the view', async function () {
    const page = workbench.page;
    await workbench.runCommandFromPalette('Conversation API LINE: Start Webhook Listener');
    await page.locator('.notifications-toasts .notification-list-item-message').filter({ hasText: /Webhook listener on http:\/\/127\.0\.0\.1:\d+\// }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.runCommandFromPalette('Conversation API LINE: Send Sample Callback…');
    const input = page.locator('.quick-input-widget input');
    const pick = async (text: string | RegExp) => {
      const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: text }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      await row.click();
    };
    await input.fill('Inbound text');
    await pick('Inbound text');
    await pick('Send Now');
    await pick('Running listener');
    // No webhook secret is stored for the sample's app: empty sends it unsigned, as the listener without a secret takes it.
    await page.locator('.quick-input-widget').filter({ hasText: /No webhook secret is stored/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await input.press('Enter');
    await page.locator('.notifications-toasts .notification-list-item-message').filter({ hasText: /Inbound text → 200 in \d+ ms from http:\/\/127\.0\.0\.1:\d+\/ \(sent unsigned\)/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.runCommandFromPalette('Sinch Conversation API LINE: Focus on Callbacks View');
    const row = page.locator('.monaco-list-row').filter({ hasText: 'Inbound text from U4623…: "Text MO"' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    // The picture is about callbacks: fold the Sent Messages pane above them.
    const sentHeader = page.locator('.pane-header[aria-expanded="true"]').filter({ hasText: 'Sent Messages' });
    if (await sentHeader.count()) await sentHeader.first().click();
    await row.click();
    await page.waitForTimeout(800);
    await workbench.screenshot('simulator-03-callbacks-view');
  });
});
