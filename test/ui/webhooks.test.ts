import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signedHeaders } from '../../src/core/webhook/signature';
import { FakeConversationApi } from '../support/fakeConversationApi';
import { post } from '../support/httpPost';
import { answer, notification, setUpEnvironmentOnFirstSend } from './quickInput';
import { Workbench, uiEnvironment } from './workbench';

const mediaUrl = 'https://www.url.com/samples/picture.jpg';
// The app, project and contacts of the spec's callback examples, so the reports are about the sends made here.
const appId = '01F6PDXVY6Z5GT0AM1YABCDEFG';
const projectId = '60d53e51-21f2-abcd-1234-a2d127f480c0';
/** Whose FAILED report (10) and opt-out (11) the spec shows. */
const blockingContact = '01FHZFNK0R9FG8WJK7ABCDEFG';
/** Whose queued report (09) and text reply (05) the spec shows. */
const replyingContact = '01FHZFNK0R9FG8WJK7SABCDEFG';
/** The message_ids in the spec's delivery reports, replaced by the ones the fake gave the sends. */
const specQueuedId = '01FM6ZGXT36AMA0QBB9VABCDEFG';
const specFailedId = '01FM6ZS949X61P607KA1BACDEFG';

function specCallbacks(repoRoot: string): { name: string; text: string }[] {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'spec');
  return fs.readdirSync(dir).filter((f) => f.includes('callback')).sort().map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

function payload(contactId: string, message: Record<string, unknown>): string {
  return `${JSON.stringify({ app_id: appId, recipient: { contact_id: contactId }, message }, null, 2)}\n`;
}

/**
 * The listener with real sends: payloads go out through the Send command (the environment set up in its guided steps,
 * the key secret typed into the password box) to the fake Conversation API on 127.0.0.1, and the spec's callbacks
 * about those sends, with the message_ids the fake answered, are posted to the running listener.
 */
describe('UI: webhook listener and Callbacks view', function () {
  let fake: FakeConversationApi;
  let workbench: Workbench;
  let url: string;
  const messageIds = new Map<string, string>();

  before(async function () {
    fake = await FakeConversationApi.start({ appId, projectId });
    const { workspace } = uiEnvironment();
    const folder = path.join(path.dirname(workspace), 'webhooks-workspace');
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    // A free port (other runs may hold the default one); media pre-flight off, as the spec's media URL is public.
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'convapiLine.listener.port': 0, 'convapiLine.media.remoteChecks': false }, null, 2));
    fs.writeFileSync(path.join(folder, 'greeting.line.json'), payload(replyingContact, { text_message: { text: 'Your table is booked for 7 pm.' } }));
    fs.writeFileSync(path.join(folder, 'picture.line.json'), payload(blockingContact, { media_message: { url: mediaUrl } }));
    fs.writeFileSync(path.join(folder, 'reminder.line.json'), payload(blockingContact, { text_message: { text: 'A reminder: your table is booked for 7 pm.' } }));
    workbench = await Workbench.open({ folder });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
  });
  after(async function () {
    await workbench?.close();
    await fake?.close();
  });

  /** Sends the open payload file with Send Payload and returns the message_id the fake answered. */
  async function sendOpenFile(options: { firstSend?: boolean } = {}): Promise<string> {
    const before = fake.requestsTo('send').length;
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    if (options.firstSend) await setUpEnvironmentOnFirstSend(workbench, fake, 'fake');
    const deadline = Date.now() + 30_000;
    while (fake.requestsTo('send').length === before && Date.now() < deadline) await workbench.page.waitForTimeout(250);
    const sends = fake.requestsTo('send');
    assert.equal(sends.length, before + 1, 'one send reached the fake');
    assert.equal(sends[before].status, 200);
    const id = (sends[before].response as { message_id: string }).message_id;
    await notification(workbench, new RegExp(`message_id ${id} accepted`)).waitFor({ state: 'visible', timeout: 30_000 });
    return id;
  }

  const callbacksPane = () => workbench.page.locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: 'Callbacks' }) });
  const rows = () => callbacksPane().locator('.monaco-list-row');

  it('starts the listener from the palette and shows its address in the status bar', async () => {
    await workbench.runCommandFromPalette('Start Webhook Listener');
    const status = workbench.page.locator('.statusbar-item').filter({ hasText: /127\.0\.0\.1:\d+/ }).first();
    await status.waitFor({ state: 'visible', timeout: 30_000 });
    const port = /127\.0\.0\.1:(\d+)/.exec(await status.innerText())![1];
    url = `http://127.0.0.1:${port}/`;
    assert.match(await status.innerText(), / · 0$/);
  });

  it('sends two payloads through the fake Conversation API, setting up the environment on the first Send', async () => {
    await workbench.openFile('greeting.line.json');
    messageIds.set('greeting', await sendOpenFile({ firstSend: true }));
    await workbench.openFile('picture.line.json');
    messageIds.set('picture', await sendOpenFile());
    const [greeting, picture] = fake.requestsTo('send').map((r) => JSON.parse(r.body) as { recipient: { contact_id: string }; message: Record<string, unknown> });
    assert.equal(greeting!.recipient.contact_id, replyingContact);
    assert.deepEqual(picture!.message, { media_message: { url: mediaUrl } });
    assert.notEqual(messageIds.get('greeting'), messageIds.get('picture'));
    assert.deepEqual(fake.violations, []);
  });

  it('lists the spec callbacks with their summaries, newest first, and counts them in the status bar', async () => {
    const { repoRoot } = workbench.env;

    // The queued report first, as it comes before any reply in real life.
    const examples = specCallbacks(repoRoot)
      .sort((a, b) => Number(b.name.includes('queued')) - Number(a.name.includes('queued')))
      .map((e) => ({ ...e, text: e.text.replace(specQueuedId, messageIds.get('greeting')!).replace(specFailedId, messageIds.get('picture')!) }));
    assert.ok(examples.some((e) => e.text.includes(messageIds.get('picture')!)), 'the FAILED report is about the picture send');
    for (const e of examples) assert.equal((await post(url, e.text)).status, 200, e.name);
    await workbench.runCommandFromPalette('Sinch Conversation API LINE: Focus on Callbacks View');
    await rows().nth(examples.length - 1).waitFor({ state: 'visible', timeout: 30_000 });
    // Wide enough to read whole summaries, as a person would drag the side bar's edge.
    const sidebar = (await workbench.page.locator('.part.sidebar').boundingBox())!;
    await workbench.page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 300);
    await workbench.page.mouse.down();
    await workbench.page.mouse.move(900, sidebar.y + 300, { steps: 10 });
    await workbench.page.mouse.up();
    const texts = (await rows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.match(texts[0]!, /^Video play complete: my-unique-tracking-id \(U4623…\)/);
    for (const summary of ['Inbound text from U4623…: "Text MO"', 'Delivery FAILED: MEDIA_NOT_REACHABLE — The provided media', 'Opt-out: blocked the bot', 'Opt-in: unblocked the bot', 'Contact created: 01FM9JPMVY8ZDXP8MN4ABCDEFG']) {
      assert.ok(texts.some((t) => t.includes(summary)), `${summary} in ${JSON.stringify(texts)}`);
    }
    assert.ok(texts.some((t) => /Inbound media from U4623….*media expired 2021-11-18/.test(t)), 'the media expiry date is shown');
    const status = workbench.page.locator('.statusbar-item').filter({ hasText: /127\.0\.0\.1:\d+/ }).first();
    assert.match(await status.innerText(), new RegExp(` · ${examples.length}$`));
    await workbench.screenshot('webhooks-01-callbacks-view');
  });

  it('opens a callback’s JSON, pretty-printed, when the row is selected', async () => {
    await rows().filter({ hasText: 'Inbound text from U4623' }).first().click();
    await workbench.activeTab('inbound-text.jsonc').waitFor({ state: 'visible', timeout: 30_000 });
    const lines = workbench.page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.filter({ hasText: 'Text MO' }).waitFor({ timeout: 30_000 });
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /"text_message": \{/);
    await workbench.screenshot('webhooks-02-callback-json');
  });

  it('shows the FAILED report as an error on the media URL of the payload that sent it', async () => {
    await workbench.openFile('picture.line.json');
    const squiggle = workbench.errorSquiggles().first();
    await squiggle.waitFor({ state: 'visible', timeout: 60_000 });
    const problems = await workbench.openProblems();
    const problem = problems.filter({ hasText: 'delivery.failed' }).first();
    await problem.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await problem.innerText()).replace(/\s+/g, ' '), /MEDIA_NOT_REACHABLE/);
    // The squiggle lies under the text layer: point the mouse at it, as a person does.
    const box = (await squiggle.boundingBox())!;
    await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
    await workbench.page.locator('.monaco-hover').filter({ hasText: 'LINE did not deliver' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    // The Sent Messages view tells each send's story, from the callbacks linked to it.
    const sentPane = workbench.page.locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: 'Sent Messages' }) });
    for (const name of ['greeting.line.json', 'picture.line.json']) {
      const row = sentPane.locator('.monaco-list-row').filter({ hasText: name }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    }
    const sentRows = sentPane.locator('.monaco-list-row');
    await sentRows.filter({ hasText: 'failed: MEDIA_NOT_REACHABLE' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Each send's events are the rows under it, up to the next send's row.
    const texts = (await sentRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    const storyOf = (file: string) => {
      const at = texts.findIndex((t) => t.includes(file));
      const next = texts.findIndex((t, i) => i > at && /\.line\.json/.test(t));
      return texts.slice(at + 1, next === -1 ? undefined : next).join(' | ');
    };
    assert.match(storyOf('greeting.line.json'), new RegExp(`sent\\s*${messageIds.get('greeting')}.*queued on channel.*replied`));
    assert.match(storyOf('picture.line.json'), new RegExp(`sent\\s*${messageIds.get('picture')}.*failed: MEDIA_NOT_REACHABLE`));
    assert.doesNotMatch(storyOf('greeting.line.json'), /failed/);
    await squiggle.waitFor({ state: 'visible' });
    const again = (await squiggle.boundingBox())!;
    await workbench.page.mouse.move(again.x + again.width / 2, again.y + again.height / 2 - 4);
    await workbench.page.locator('.monaco-hover').filter({ hasText: 'LINE did not deliver' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.screenshot('webhooks-03-timeline');
  });

  it('asks before sending to a contact the listener saw opt out, and sends nothing on Cancel', async () => {
    const optOut = fs.readFileSync(path.join(workbench.env.repoRoot, 'test', 'fixtures', 'spec', '11-callback-opt-out-blocked.json'), 'utf8');
    // The listing above ended with the spec's opt-in (12): the contact blocks the bot again.
    assert.equal((await post(url, optOut)).status, 200);
    await workbench.openFile('reminder.line.json');
    const dialog = workbench.page.locator('.monaco-dialog-box');
    const before = fake.requestsTo('send').length;
    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /opted out \(blocked the bot\) on 2021-11-11T07:55:08\.188Z and has not opted in since/);
    assert.match(text, /LINE will not deliver the message, and the Conversation API reports no error\./);
    await workbench.screenshot('webhooks-04-opt-out-warning');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await workbench.page.waitForTimeout(1000);
    assert.equal(fake.requestsTo('send').length, before, 'cancelled: nothing sent');

    await workbench.runCommandFromPalette('Conversation API LINE: Send Payload');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: 'Send Anyway' }).click();
    const deadline = Date.now() + 30_000;
    while (fake.requestsTo('send').length === before && Date.now() < deadline) await workbench.page.waitForTimeout(250);
    const sends = fake.requestsTo('send');
    assert.equal(sends.length, before + 1, 'Send Anyway sent once');
    assert.equal((JSON.parse(sends[before]!.body) as { recipient: { contact_id: string } }).recipient.contact_id, blockingContact);
    const id = (sends[before]!.response as { message_id: string }).message_id;
    await notification(workbench, new RegExp(`message_id ${id} accepted`)).waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('registers the running listener as a webhook, with the tunnel URL typed when asked, and checks signatures with its secret', async () => {
    await workbench.runCommandFromPalette('Register Listener as Webhook');
    const port = new URL(url).port;
    // No tunnel runs: the command says Sinch cannot reach the loopback address and asks for the public URL.
    await answer(workbench, new RegExp(`Sinch cannot reach http://127\\.0\\.0\\.1:${port}.*ngrok http ${port}`), 'https://line-hooks.example.test/callbacks');
    await notification(workbench, /Created webhook 01WH\w+ → https:\/\/line-hooks\.example\.test\/callbacks/).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(fake.webhooks.length, 1);
    const webhook = fake.webhooks[0]!;
    assert.equal(webhook.app_id, appId);
    assert.equal(webhook.target, 'https://line-hooks.example.test/callbacks');
    assert.deepEqual([...(webhook.triggers as string[])].sort(), ['CONTACT_CREATE', 'MESSAGE_DELIVERY', 'MESSAGE_INBOUND', 'OPT_IN', 'OPT_OUT', 'UNSUPPORTED']);
    assert.deepEqual(fake.violations, []);

    // The secret the webhook was created with now guards the listener: an unsigned callback of the app is refused,
    // one signed as Sinch signs is taken.
    const secret = String(webhook.secret);
    const optIn = fs.readFileSync(path.join(workbench.env.repoRoot, 'test', 'fixtures', 'spec', '12-callback-opt-in-unblocked.json'), 'utf8');
    const deadline = Date.now() + 15_000;
    let unsigned = await post(url, optIn);
    while (unsigned.status !== 401 && Date.now() < deadline) {
      await workbench.page.waitForTimeout(500);
      unsigned = await post(url, optIn);
    }
    assert.equal(unsigned.status, 401, 'an unsigned callback is refused once the webhook secret is known');
    assert.equal((await post(url, optIn, signedHeaders(secret, optIn, 'ui-nonce-1', Math.floor(Date.now() / 1000)))).status, 200);
  });

  it('keeps the callbacks across a window reload', async () => {
    await workbench.page.waitForTimeout(1000);
    const navigated = workbench.page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await workbench.runCommandFromPalette('Developer: Reload Window');
    await navigated;
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await workbench.runCommandFromPalette('Sinch Conversation API LINE: Focus on Callbacks View');
    await rows().filter({ hasText: 'Inbound text from U4623…: "Text MO"' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  });
});
