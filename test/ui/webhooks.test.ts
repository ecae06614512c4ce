import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { post } from '../support/httpPost';
import { type Workbench, uiEnvironment, useWorkbench } from './workbench';

const mediaUrl = 'https://www.url.com/samples/picture.jpg';

function specCallbacks(repoRoot: string): { name: string; text: string }[] {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'spec');
  return fs.readdirSync(dir).filter((f) => f.includes('callback')).sort().map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

describe('UI: webhook listener and Callbacks view', function () {
  // Before the workbench opens: a free port (other runs may hold the default one) and the payload that was "sent".
  before(() => {
    const { workspace } = uiEnvironment();
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'convapiLine.listener.port': 0 }, null, 2));
    const payload = { app_id: '01F6PDXVY6Z5GT0AM1YABCDEFG', recipient: { contact_id: '01FHZFNK0R9FG8WJK7ABCDEFG' }, message: { media_message: { url: mediaUrl } } };
    fs.writeFileSync(path.join(workspace, 'picture.line.json'), `${JSON.stringify(payload, null, 2)}\n`);
    // The send of picture.line.json, recorded as the send feature records it.
    fs.mkdirSync(path.join(workspace, '.convapi-line-test'), { recursive: true });
    const sent = {
      id: 'ui-sent-1',
      sentAt: new Date().toISOString(),
      environment: 'test',
      projectId: 'P',
      appId: '01F6PDXVY6Z5GT0AM1YABCDEFG',
      region: 'eu',
      file: `file://${path.join(workspace, 'picture.line.json')}`,
      recipient: 'contact 01FHZFNK0R9FG8WJK7ABCDEFG',
      request: { method: 'POST', url: 'http://127.0.0.1/v1/projects/P/messages:send', body: {} },
      messageId: '01FM6ZS949X61P607KA1BACDEFG',
      events: [],
    };
    // And an earlier send of card.line.json to the contact who replies, whose report says "queued on channel".
    const card = {
      ...sent,
      id: 'ui-sent-0',
      sentAt: new Date(Date.now() - 60_000).toISOString(),
      file: `file://${path.join(workspace, 'card.line.json')}`,
      recipient: 'contact 01FHZFNK0R9FG8WJK7SABCDEFG',
      contactId: '01FHZFNK0R9FG8WJK7SABCDEFG',
      messageId: '01FM6ZGXT36AMA0QBB9VABCDEFG',
    };
    fs.writeFileSync(path.join(workspace, '.convapi-line-test', 'sent-message.json'), JSON.stringify([card, sent]));
  });
  const open = useWorkbench();
  let workbench: Workbench;
  let url: string;
  beforeEach(() => {
    workbench = open();
  });

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

  it('lists the spec callbacks with their summaries, newest first, and counts them in the status bar', async () => {
    const { repoRoot } = workbench.env;

    // The queued report first, as it comes before any reply in real life.
    const examples = specCallbacks(repoRoot).sort((a, b) => Number(b.name.includes('queued')) - Number(a.name.includes('queued')));
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
    for (const name of ['card.line.json', 'picture.line.json']) {
      const row = sentPane.locator('.monaco-list-row').filter({ hasText: name }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    }
    const sentRows = sentPane.locator('.monaco-list-row');
    await sentRows.filter({ hasText: 'failed: MEDIA_NOT_REACHABLE' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const story = (await sentRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).join(' | ');
    assert.match(story, /queued on channel/);
    assert.match(story, /replied/);
    await squiggle.waitFor({ state: 'visible' });
    const again = (await squiggle.boundingBox())!;
    await workbench.page.mouse.move(again.x + again.width / 2, again.y + again.height / 2 - 4);
    await workbench.page.locator('.monaco-hover').filter({ hasText: 'LINE did not deliver' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.screenshot('webhooks-03-timeline');
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
