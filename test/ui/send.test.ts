import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeConversationApi, errorBody } from '../support/fakeConversationApi';
import { answer as answerIn, pick as pickIn } from './quickInput';
import { walkthroughPage } from './walkthroughPage';
import { Workbench, uiEnvironment } from './workbench';

const QUICK_INPUT = '.quick-input-widget';
const recipient = 'U4623f0a8b57a0b1a2a4e5bb56e1b5e11';

/**
 * What a person does to put a payload on a LINE phone: the guided set-up on the first Send (secret typed into the
 * password box), the message_id notification, the status bar item, the Sent Messages view, Send Again, and an API
 * error shown readably. The fake Conversation API and OAuth server run here, on 127.0.0.1, where the extension host
 * of code-server (same machine) reaches them.
 */
describe('UI: Send a payload to the fake Conversation API', function () {
  let fake: FakeConversationApi;
  let workbench: Workbench;
  let folder: string;
  let firstMessageId = '';

  before(async function () {
    fake = await FakeConversationApi.start();
    const env = uiEnvironment();
    folder = path.join(path.dirname(env.workspace), 'send-workspace');
    fs.mkdirSync(folder, { recursive: true });
    const payload = {
      app_id: fake.options.appId,
      recipient: { identified_by: { channel_identities: [{ channel: 'LINE', identity: recipient }] } },
      message: { text_message: { text: 'Hello {{CUSTOMER}}, your order is ready.' } },
    };
    fs.writeFileSync(path.join(folder, 'hello.line.json'), JSON.stringify(payload, null, 2) + '\n');
    const card = { ...payload, message: { card_message: { title: 'T'.repeat(41), description: 'Too long a title', choices: [{ text_message: { text: 'OK' } }] } } };
    fs.writeFileSync(path.join(folder, 'long-title.line.json'), JSON.stringify(card, null, 2) + '\n');
    const choice = { ...payload, message: { choice_message: { text_message: { text: 'Pick' }, choices: [{ text_message: { text: 'Tap here to book your table' }, postback_data: 'book' }] } } };
    fs.writeFileSync(path.join(folder, 'long-label.line.json'), JSON.stringify(choice, null, 2) + '\n');
    // Fine as written; its button label is past LINE's 20 characters only once {{OFFER}} is filled in.
    const offer = { ...payload, message: { choice_message: { text_message: { text: 'Pick' }, choices: [{ text_message: { text: '{{OFFER}}' }, postback_data: 'offer' }] } } };
    fs.writeFileSync(path.join(folder, 'variable-label.line.json'), JSON.stringify(offer, null, 2) + '\n');
    workbench = await Workbench.open({ folder });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
  });
  after(async function () {
    await workbench?.close();
    await fake?.close();
  });

  // The quick-input steps every UI suite shares (test/ui/quickInput.ts), bound to this suite's window.
  const answer = (prompt: RegExp, text: string, options: { password?: boolean } = {}) => answerIn(workbench, prompt, text, options);
  const pick = (placeholder: RegExp, text: string, row: RegExp) => pickIn(workbench, placeholder, text, row);

  /** Rows of the Sent Messages view (the Explorer's hidden rows are in the page too: only visible ones count). */
  const sentRows = () => workbench.page.locator('.part.sidebar .pane-body .monaco-list-row').filter({ visible: true });

  /** A notification as a toast, or in the Notification Center when that is open. */
  const toast = (text: RegExp) => workbench.page.locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item').filter({ hasText: text }).first();

  it('sets up an environment through the guided steps on the first Send, then sends and shows the message_id', async function () {
    await workbench.openFile('hello.line.json');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await answer(/A name for this environment/, 'dev');
    await answer(/Project ID/, fake.options.projectId);
    await answer(/Conversation API app ID/, fake.options.appId);
    await pick(/Region the app was created in/, 'eu', /Europe/);
    await pick(/Where requests go/, 'Other', /mock, a proxy or a test server/);
    await answer(/Base URL of the Conversation API/, fake.url);
    await answer(/Token URL/, fake.authUrl);
    await answer(/Access key ID/, fake.options.keyId);
    await answer(/Access key secret of/, fake.options.keySecret, { password: true });

    // {{CUSTOMER}} has no value yet: nothing is sent, and the message names it.
    await toast(/CUSTOMER/).waitFor({ timeout: 30_000 });
    assert.match(await toast(/CUSTOMER/).innerText(), /Nothing was sent: a variable is not defined: \{\{CUSTOMER\}\}/);
    assert.equal(fake.requests.length, 0);

    // Variables live in the environment's settings entry (never the secret): add one there, as a team would.
    const settingsFile = path.join(folder, '.vscode', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    assert.equal(JSON.stringify(settings).includes(fake.options.keySecret), false, 'the key secret is not in settings');
    assert.deepEqual(Object.keys(settings['convapiLine.environments'][0]).sort(), ['appId', 'authUrl', 'conversationUrl', 'keyId', 'name', 'projectId', 'region']);
    settings['convapiLine.environments'][0].variables = { CUSTOMER: 'Ann', OFFER: 'Show me every single offer' };
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    await workbench.page.waitForTimeout(1500);

    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    const sent = toast(/message_id 01MSG/);
    await sent.waitFor({ timeout: 30_000 });
    const text = await sent.innerText();
    assert.match(text, new RegExp(`Sent to LINE ${recipient}: message_id 01MSG\\w+ accepted at`));
    assert.match(text, /Copy ID/);
    assert.match(text, /Reveal in Sent Messages/);
    firstMessageId = /01MSG\w+/.exec(text)![0];
    const sends = fake.requestsTo('send');
    assert.equal(sends.length, 1);
    assert.equal(JSON.parse(sends[0].body).message.text_message.text, 'Hello Ann, your order is ready.');
    assert.deepEqual(fake.violations, []);

    const status = workbench.page.locator('.statusbar-item').filter({ hasText: 'Sinch: dev (eu)' });
    await status.waitFor({ state: 'visible', timeout: 10_000 });
    await workbench.screenshot('20-send-notification');

    await sent.locator('.monaco-button', { hasText: 'Reveal in Sent Messages' }).click();
    // The row with its description: until the side bar switches to the view, the Explorer's row of the file shows.
    const row = sentRows().filter({ hasText: 'hello.line.json' }).filter({ hasText: /LINE U4623f0a8b57… · dev · / }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const child = sentRows().filter({ hasText: /^sent/ }).first();
    await child.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await child.innerText(), /sent\s*01MSG\w+ · accepted/);
  });

  it('sends again from the Sent Messages view with the same token, and lists both sends', async function () {
    const row = sentRows().filter({ hasText: 'hello.line.json' }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Send Again"]').click();
    await workbench.page.waitForFunction(() => document.querySelectorAll('.pane-body .monaco-list-row .codicon-pass').length >= 2, null, { timeout: 30_000 });
    assert.equal(fake.requestsTo('send').length, 2);
    // Toasts hide after a while; the Notification Center keeps the new one (the first closed when its action ran).
    await workbench.runCommandFromPalette('Notifications: Show Notifications');
    try {
      const center = workbench.page.locator('.notifications-center .notification-list-item-message').filter({ hasText: /message_id 01MSG\w+ accepted/ });
      await center.first().waitFor({ timeout: 10_000 });
      const ids = (await center.allInnerTexts()).map((t) => /01MSG\w+/.exec(t)![0]);
      assert.ok(ids.some((id) => id !== firstMessageId), `a new message_id for the second send: ${ids.join(', ')} vs ${firstMessageId}`);
    } finally {
      await workbench.runCommandFromPalette('Notifications: Hide Notifications');
    }
    assert.equal(fake.requestsTo('token').length, 1, 'the token was reused');
  });

  it('shows an API error readably, with the status and what to do, and records the failed send', async function () {
    fake.next({ route: 'send', status: 404, body: errorBody(404, `Could not find App with ID ${fake.options.appId}`) });
    await workbench.openFile('hello.line.json');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    const error = toast(/HTTP 404/);
    await error.waitFor({ timeout: 30_000 });
    const text = await error.innerText();
    assert.match(text, /Could not send the message: HTTP 404 NOT_FOUND — "Could not find App with ID/);
    assert.match(text, /region "eu/);
    assert.match(text, /an app lives in one region/);
    assert.equal(text.includes(fake.options.keySecret), false);
    for (const token of fake.issuedTokens) assert.equal(text.includes(token), false);
    await workbench.page.waitForFunction(() => document.querySelectorAll('.pane-body .monaco-list-row .codicon-error').length >= 1, null, { timeout: 30_000 });
    assert.equal(fake.requestsTo('send').length, 3, 'the failed send was made once, not repeated');
    await workbench.screenshot('21-send-error');
  });

  const dialog = () => workbench.page.locator('.monaco-dialog-box');

  it('stops on an error, showing the problems, and asks once about warnings ("Send Anyway"), also those the variables bring', async function () {
    const before = fake.requestsTo('send').length;
    await workbench.openFile('long-title.line.json');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await toast(/long-title\.line\.json has 1 error: nothing was sent/).waitFor({ timeout: 30_000 });
    const problems = await workbench.openProblems();
    await problems.filter({ hasText: /40/ }).first().waitFor({ timeout: 30_000 });
    assert.equal(fake.requestsTo('send').length, before);

    await workbench.openFile('long-label.line.json');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog().innerText(), /long-label\.line\.json has 1 warning/);
    await dialog().locator('.monaco-button', { hasText: 'Cancel' }).click();
    await workbench.page.waitForTimeout(500);
    assert.equal(fake.requestsTo('send').length, before, 'cancelled: nothing sent');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    await dialog().locator('.monaco-button', { hasText: 'Send Anyway' }).click();
    await workbench.page.waitForFunction((n) => document.querySelectorAll('.pane-body .monaco-list-row .codicon-pass').length >= n, 3, { timeout: 30_000 });
    await toast(/message_id 01MSG/).waitFor({ timeout: 30_000 });
    assert.equal(fake.requestsTo('send').length, before + 1);
    await workbench.runCommandFromPalette('Notifications: Clear All Notifications');

    // No warning as written, one once the environment's value is in: asked before anything goes out.
    await workbench.openFile('variable-label.line.json');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    const question = await dialog().innerText();
    assert.match(question, /With the variables of "dev" filled in, variable-label\.line\.json has 1 new warning\. Send it anyway\?\s*• Button label is 26 characters/);
    await workbench.screenshot('23-send-resolved-warning');
    await dialog().locator('.monaco-button', { hasText: 'Cancel' }).click();
    await workbench.page.waitForTimeout(500);
    assert.equal(fake.requestsTo('send').length, before + 1, 'cancelled: nothing sent');
  });


  it('configures the LINE channel on the app, keeping the other channels, and reminds of LINE\'s webhook switch', async function () {
    await workbench.runCommandFromPalette('Conversation API LINE: Configure LINE Channel on App');
    await pick(/Region of the LINE Official Account/, 'Other', /line_credentials/);
    await answer(/LINE channel access token/, 'line-channel-token-123', { password: true });
    await answer(/LINE channel secret/, 'line-channel-secret-456', { password: true });
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await dialog().innerText();
    assert.match(text, /LINE is set on app 01FAKEAPP\w+ \(other channels kept: WHATSAPP, MESSENGER\)/);
    assert.match(text, /Webhooks: Enabled/);
    await workbench.screenshot('22-line-channel-reminder');
    await workbench.page.keyboard.press('Escape');
    const channels = fake.apps.get(fake.options.appId)!.channel_credentials;
    assert.deepEqual(channels.map((c) => c.channel), ['WHATSAPP', 'MESSENGER', 'LINE']);
    assert.deepEqual(channels[2], { channel: 'LINE', line_credentials: { token: 'line-channel-token-123', secret: 'line-channel-secret-456' } });
    assert.deepEqual(fake.violations, []);
  });

  it('creates a webhook with the LINE triggers preselected, lists it, and deletes it', async function () {
    await workbench.runCommandFromPalette('Conversation API LINE: Create Webhook…');
    await answer(/Target URL where the Conversation API posts callbacks/, 'https://hooks.example.com/line');
    const page = workbench.page;
    await page.waitForFunction(() => /Triggers/.test((document.querySelector('.quick-input-widget input.input') as HTMLInputElement | null)?.placeholder ?? ''), null, { timeout: 30_000 });
    const checked = await page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]').allInnerTexts();
    assert.deepEqual(checked.map((t) => t.trim()).sort(), ['CONTACT_CREATE', 'MESSAGE_DELIVERY', 'MESSAGE_INBOUND', 'OPT_IN', 'OPT_OUT', 'UNSUPPORTED']);
    await page.keyboard.press('Enter');
    await toast(/Created webhook 01WH/).waitFor({ timeout: 30_000 });
    assert.equal(fake.webhooks.length, 1);
    assert.equal(fake.webhooks[0].target, 'https://hooks.example.com/line');
    assert.ok(String(fake.webhooks[0].secret).length >= 32, 'a generated signing secret');

    await workbench.runCommandFromPalette('Conversation API LINE: List Webhooks');
    const listed = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'https://hooks.example.com/line' });
    await listed.waitFor({ timeout: 30_000 });
    assert.match(await listed.innerText(), /MESSAGE_DELIVERY, MESSAGE_INBOUND, CONTACT_CREATE, UNSUPPORTED, OPT_IN, OPT_OUT/);
    await page.keyboard.press('Escape');

    await workbench.runCommandFromPalette('Conversation API LINE: Delete Webhook…');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'https://hooks.example.com/line' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    await dialog().locator('.monaco-button', { hasText: 'Delete' }).click();
    await toast(/Deleted webhook 01WH/).waitFor({ timeout: 30_000 });
    assert.equal(fake.webhooks.length, 0);
    assert.deepEqual(fake.requestsTo('deleteWebhook').map((r) => r.status), [200]);
  });

  it('opens the request and answer of a failed send as a read-only JSON document, without the token', async function () {
    const failed = sentRows().filter({ hasText: /failed \(HTTP 404\)/ }).first();
    await failed.hover();
    await failed.locator('.action-label[aria-label="Open Request"]').click();
    await workbench.activeTab('failed-request.json').waitFor({ timeout: 30_000 });
    await workbench.runCommandFromPalette('View: Hide Panel');
    const lines = workbench.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    // Monaco draws spaces as non-breaking spaces.
    const shown = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
    const deadline = Date.now() + 30_000;
    while (!/"status": 404/.test(await shown()) && Date.now() < deadline) await workbench.page.waitForTimeout(250);
    const text = await shown();
    assert.match(text, /"status": 404/);
    assert.match(text, /"method": "POST"/);
    assert.match(text, /Bearer \$SINCH_TOKEN/);
    assert.match(text, /Could not find App with ID/);
    for (const secret of [fake.options.keySecret, ...fake.issuedTokens]) assert.equal(text.includes(secret), false);
    // Read-only: typing changes nothing.
    await lines.click();
    await workbench.page.keyboard.type('xyz');
    assert.equal((await shown()).includes('xyz'), false);
  });

  it('switches environments from the status bar, and asks for the key secret again after it was removed', async function () {
    const page = workbench.page;
    await page.locator('.statusbar-item').filter({ hasText: 'Sinch: dev (eu)' }).click();
    const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
    await rows.filter({ hasText: 'Add Environment…' }).waitFor({ timeout: 10_000 });
    assert.match(await rows.filter({ hasText: /^dev/ }).first().innerText(), /proj-0001 · eu · active/);
    await page.keyboard.press('Escape');

    await workbench.runCommandFromPalette('Conversation API LINE: Remove Access Key Secret');
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    await dialog().locator('.monaco-button', { hasText: 'Remove' }).click();
    await toast(/Removed the key secret of "dev"/).waitFor({ timeout: 30_000 });

    const before = fake.requestsTo('send').length;
    await workbench.openFile('hello.line.json');
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await answer(/Needed to send\. The secret of access key/, fake.options.keySecret, { password: true });
    await page.waitForFunction((n) => document.querySelectorAll('.part.sidebar .monaco-list-row .codicon-pass').length >= n, 4, { timeout: 30_000 });
    assert.equal(fake.requestsTo('send').length, before + 1);
    await workbench.runCommandFromPalette('Notifications: Clear All Notifications');
  });

  it('shows the Sent Messages view (screenshot for the README)', async function () {
    const page = workbench.page;
    // Close the notifications so the picture shows the view, the editor and the status bar.
    await workbench.runCommandFromPalette('Notifications: Clear All Notifications');
    // A wider side bar, as someone reading the list would drag it.
    const sash = page.locator('.part.sidebar').boundingBox();
    const box = (await sash)!;
    await page.mouse.move(box.x + box.width + 2, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 560, box.y + 300, { steps: 10 });
    await page.mouse.up();
    const rows = sentRows().filter({ hasText: 'hello.line.json' });
    await rows.nth(1).click();
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);
    // Into test-results/ui like every UI screenshot: docs/sent-messages.png is copied from there after a look.
    const results = uiEnvironment().resultsDir;
    fs.mkdirSync(results, { recursive: true });
    const file = path.join(results, 'sent-messages.png');
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1280, height: 420 } });
    assert.ok(fs.statSync(file).size > 10_000);
  });

  // Last: the walkthrough's page stays in this window. This window never showed the walkthrough (the test VS Code
  // keeps it from opening on install), so VS Code registered its steps only now, with the keys already set.
  it('the walkthrough, opened for the first time after all this, shows what was done here ticked off', async function () {
    const walkthrough = walkthroughPage(workbench);
    await walkthrough.open();
    // Done in this suite: an environment added, the LINE channel set with its credentials, a webhook registered, a send.
    for (const id of ['connectSinch', 'copyCredentials', 'configureLineChannel', 'startListener', 'sendPayload']) await walkthrough.waitDone(id);
    // Not done here: LINE's console was never opened, no callback came.
    for (const id of ['createChannel', 'enableLineWebhooks', 'addFriend']) assert.equal(await walkthrough.isDone(id), false, id);
    await workbench.screenshot('24-walkthrough-after-send');
  });
});
