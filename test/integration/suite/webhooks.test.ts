import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SentMessage } from '../../../src/core/history/sentMessages';
import type { CallbackRecord } from '../../../src/core/webhook/callbackRecord';
import { post } from '../../support/httpPost';
import { diagnosticCode, waitFor, workspaceUri } from '../util';

/** The spec page's callback examples, read from the repository (the extension under test is its root). */
function specCallbacks(): { name: string; text: string }[] {
  const dir = path.join(vscode.extensions.getExtension('convapi-line.convapi-line')!.extensionPath, 'test', 'fixtures', 'spec');
  return fs.readdirSync(dir).filter((f) => f.includes('callback')).sort().map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Polls an asynchronous condition (the view is read through a command). */
async function eventually<T>(what: string, condition: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Item = vscode.TreeItem & { record: CallbackRecord };
const items = async () => (await vscode.commands.executeCommand<Item[]>('convapiLine.test.callbackItems')) ?? [];

describe('webhook listener in VS Code', function () {
  this.timeout(90_000);
  const config = () => vscode.workspace.getConfiguration('convapiLine');
  const mediaUrl = 'https://www.url.com/samples/picture.jpg';
  let payloadUri: vscode.Uri;

  before(async () => {
    await config().update('listener.port', 0, vscode.ConfigurationTarget.Workspace);
    payloadUri = vscode.Uri.joinPath(workspaceUri(), 'generated', 'picture.line.json');
    const payload = { app_id: '01F6PDXVY6Z5GT0AM1YABCDEFG', recipient: { contact_id: '01FHZFNK0R9FG8WJK7ABCDEFG' }, message: { media_message: { url: mediaUrl } } };
    await vscode.workspace.fs.writeFile(payloadUri, new TextEncoder().encode(JSON.stringify(payload, null, 2)));
  });

  after(async () => {
    await vscode.commands.executeCommand('convapiLine.stopListener');
    await config().update('listener.port', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('starts from its command, receives every spec callback, and lists them newest first with summaries and icons', async () => {
    await vscode.commands.executeCommand('convapiLine.clearCallbacks');
    const url = await vscode.commands.executeCommand<string | undefined>('convapiLine.startListener');
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(await vscode.commands.executeCommand('convapiLine.getListenerUrl'), url);

    // What the send feature records for an accepted send of the payload file.
    const sent: SentMessage = {
      id: 'sent-1',
      sentAt: new Date().toISOString(),
      environment: 'test',
      projectId: 'P',
      appId: '01F6PDXVY6Z5GT0AM1YABCDEFG',
      region: 'eu',
      file: payloadUri.toString(),
      recipient: 'contact 01FHZFNK0R9FG8WJK7ABCDEFG',
      request: { method: 'POST', url: 'http://127.0.0.1/v1/projects/P/messages:send', body: {} },
      messageId: '01FM6ZS949X61P607KA1BACDEFG',
      events: [],
    };
    await vscode.commands.executeCommand('convapiLine.test.recordSentMessage', sent);

    const examples = specCallbacks();
    for (const e of examples) assert.equal((await post(url!, e.text)).status, 200, e.name);
    await eventually('every callback in the view', async () => (await items()).length === examples.length);
    const shown = await items();
    assert.equal(shown[0]!.label, 'Video play complete: my-unique-tracking-id (U4623…)', 'newest first');
    assert.equal(shown.at(-1)!.label, 'Opt-in: added the bot as a friend (U4623…)');
    const labels = shown.map((i) => String(i.label));
    assert.ok(labels.includes('Inbound text from U4623…: "Text MO"'));
    assert.ok(labels.includes('Opt-out: blocked the bot (U4623…)'));
    assert.ok(labels.includes('Delivery FAILED: MEDIA_NOT_REACHABLE — The provided media [https://www.url.com/samples/picture.jpg] could not be reached: [Not Found]'));
    const failedItem = shown.find((i) => String(i.label).startsWith('Delivery FAILED'))!;
    assert.equal((failedItem.iconPath as vscode.ThemeIcon).id, 'error');
    const media = shown.find((i) => String(i.label).startsWith('Inbound media'))!;
    assert.match(String(media.description), /media expired 2021-11-18/, 'the media URL’s expiry date is shown');
    assert.equal(failedItem.record.trigger, 'MESSAGE_DELIVERY', 'items carry their record');
  });

  it('turns the FAILED report into a diagnostic on the media URL of the payload that sent it', async () => {
    const diagnostic = await waitFor('the delivery diagnostic', () => vscode.languages.getDiagnostics(payloadUri).find((d) => diagnosticCode(d) === 'delivery.failed'));
    const document = await vscode.workspace.openTextDocument(payloadUri);
    assert.equal(document.getText(diagnostic.range), JSON.stringify(mediaUrl), 'the URL LINE could not reach is underlined');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /MEDIA_NOT_REACHABLE — The provided media \[https:\/\/www\.url\.com\/samples\/picture\.jpg\] could not be reached/);
    const timeline = await vscode.commands.executeCommand<SentMessage[]>('convapiLine.test.sentMessages');
    const entry = timeline!.find((s) => s.id === 'sent-1')!;
    assert.deepEqual(entry.events.map((e) => e.kind), ['failed']);
    assert.equal(entry.conversationId, '01FHZFQF598ZX723CHRWABCDEFG', 'learned from the report');
  });

  it('links replies and delivery reports into the timeline: sent → queued on channel → replied', async () => {
    const url = (await vscode.commands.executeCommand<string>('convapiLine.getListenerUrl'))!;
    const sent: SentMessage = {
      id: 'sent-2',
      sentAt: new Date().toISOString(),
      environment: 'test',
      projectId: 'P',
      appId: 'A',
      region: 'eu',
      recipient: 'contact X',
      request: { method: 'POST', url: 'http://127.0.0.1/', body: {} },
      messageId: 'MSG-TIMELINE-1',
      events: [],
    };
    await vscode.commands.executeCommand('convapiLine.test.recordSentMessage', sent);
    const report = { app_id: 'A', message_delivery_report: { message_id: 'MSG-TIMELINE-1', conversation_id: 'CONV-T', contact_id: 'CONTACT-T', status: 'QUEUED_ON_CHANNEL' } };
    const reply = { app_id: 'A', message: { id: 'IN-1', direction: 'TO_APP', conversation_id: 'CONV-T', contact_id: 'CONTACT-T', contact_message: { text_message: { text: 'Thanks!' } }, channel_identity: { channel: 'LINE', identity: 'Uffff0000111122223333' } } };
    assert.equal((await post(url, JSON.stringify(report))).status, 200);
    assert.equal((await post(url, JSON.stringify(reply))).status, 200);
    const entry = await eventually('two timeline events', async () => {
      const found = (await vscode.commands.executeCommand<SentMessage[]>('convapiLine.test.sentMessages'))!.find((s) => s.id === 'sent-2');
      return found && found.events.length === 2 ? found : undefined;
    });
    assert.deepEqual(entry.events.map((e) => [e.kind, e.summary]), [
      ['queued', 'Delivery QUEUED_ON_CHANNEL for message MSG-TIMELINE-1'],
      ['reply', 'Inbound text from Uffff…: "Thanks!"'],
    ]);
  });

  it('opens a callback as read-only pretty JSON, the unsupported callback’s inner LINE JSON parsed', async () => {
    const video = (await items()).find((i) => String(i.label).startsWith('Video play complete'))!;
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('convapiLine.openCallback', video);
    assert.equal(editor?.document.uri.scheme, 'convapi-callback');
    const text = editor!.document.getText();
    assert.match(text, /^\/\/ Video play complete: my-unique-tracking-id/);
    assert.match(text, /"type": "videoPlayComplete"/, 'the inner JSON is parsed, not an escaped string');
    const json = JSON.parse(text.split('\n').filter((l) => !l.startsWith('//')).join('\n'));
    assert.equal(json.unsupported_callback.payload.events[0].videoPlayComplete.trackingId, 'my-unique-tracking-id');
  });

  it('filters by trigger and by contact', async () => {
    await vscode.commands.executeCommand('convapiLine.filterCallbacks', { trigger: 'MESSAGE_INBOUND' });
    const inbound = await eventually('the filter', async () => {
      const list = await items();
      return list.every((i) => i.record.trigger === 'MESSAGE_INBOUND') ? list : undefined;
    });
    assert.equal(inbound.length, 5);
    await vscode.commands.executeCommand('convapiLine.filterCallbacks', { contact: '01FHZFNK0R9FG8WJK7ABCDEFG' });
    const one = await items();
    assert.deepEqual(one.map((i) => i.record.details?.kind).sort(), ['delivery-failed', 'opt-in', 'opt-out']);
    await vscode.commands.executeCommand('convapiLine.clearCallbackFilter');
  });

  it('saves a callback as a *.callback.json fixture, and replies to its contact in a payload for the same app', async () => {
    const text = (await items()).find((i) => String(i.label) === 'Inbound text from U4623…: "Text MO"')!;
    const target = vscode.Uri.joinPath(workspaceUri(), 'generated', 'inbound-text');
    const saved = await vscode.commands.executeCommand<vscode.Uri>('convapiLine.saveCallbackAsFixture', text, target);
    assert.ok(saved!.path.endsWith('/generated/inbound-text.callback.json'));
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(saved!)));
    assert.deepEqual(written, JSON.parse(text.record.rawBody));

    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('convapiLine.replyToContact', text);
    assert.ok(editor!.document.fileName.endsWith('.line.json'));
    const reply = JSON.parse(editor!.document.getText());
    assert.deepEqual(reply.recipient, { contact_id: '01FHZFNK0R9FG8WJK7SABCDEFG' });
    assert.equal(reply.app_id, '01F6PDXVY6Z5GT0AM1YPABCDEFG');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('tells the send command who blocked the bot (opt-out with no opt-in since)', async () => {
    const who = { contactId: '01FHZFNK0R9FG8WJK7ABCDEFG' };
    assert.equal(await vscode.commands.executeCommand('convapiLine.contactOptedOut', who), undefined, 'unblocked by the later opt-in');
    const url = (await vscode.commands.executeCommand<string>('convapiLine.getListenerUrl'))!;
    const optOut = specCallbacks().find((e) => e.name.includes('opt-out'))!.text;
    assert.equal((await post(url, optOut)).status, 200);
    const found = await eventually('the opt-out', async () => vscode.commands.executeCommand<{ at: string; summary: string }>('convapiLine.contactOptedOut', who));
    assert.equal(found.at, '2021-11-11T07:55:08.188Z');
    assert.match(found.summary, /opted out \(blocked the bot\)/);
  });

  it('refuses a bad signature with 401 once a secret is set, lists the refusal, and names a busy port', async () => {
    const url = (await vscode.commands.executeCommand<string>('convapiLine.getListenerUrl'))!;
    await vscode.commands.executeCommand('convapiLine.setWebhookSecret', { appId: '01F6PDXVY6Z5GT0AM1YABCDEFG', secret: 'integration-secret' });
    const body = specCallbacks().find((e) => e.name.includes('inbound-text'))!.text;
    const response = await post(url, body, { 'x-sinch-webhook-signature': 'AAAA', 'x-sinch-webhook-signature-nonce': 'n', 'x-sinch-webhook-signature-timestamp': String(Math.floor(Date.now() / 1000)) });
    assert.equal(response.status, 401);
    const refused = await eventually('the refusal in the view', async () => (await items()).find((i) => !i.record.accepted));
    assert.equal(refused.label, 'Refused (401): signature does not match the secret');
    assert.equal((refused.iconPath as vscode.ThemeIcon).id, 'shield');
    await vscode.commands.executeCommand('convapiLine.setWebhookSecret', { appId: '01F6PDXVY6Z5GT0AM1YABCDEFG', secret: '' });

    // A second listener cannot take a port that is in use: the start fails and says so.
    const port = Number(new URL(url).port);
    await vscode.commands.executeCommand('convapiLine.stopListener');
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await config().update('listener.port', port, vscode.ConfigurationTarget.Workspace);
      assert.equal(await vscode.commands.executeCommand('convapiLine.startListener'), undefined);
      assert.equal(await vscode.commands.executeCommand('convapiLine.getListenerUrl'), undefined);
    } finally {
      await config().update('listener.port', 0, vscode.ConfigurationTarget.Workspace);
      blocker.close();
    }
  });
});
