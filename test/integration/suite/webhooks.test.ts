import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SentMessage } from '../../../src/core/history/sentMessages';
import type { CallbackRecord } from '../../../src/core/webhook/callbackRecord';
import { FakeConversationApi } from '../../support/fakeConversationApi';
import { post } from '../../support/httpPost';
import { diagnosticCode, eventually, waitFor, workspaceUri } from '../util';

/** The spec page's callback examples, read from the repository (the extension under test is its root). */
function specCallbacks(): { name: string; text: string }[] {
  const dir = path.join(vscode.extensions.getExtension('convapi-line.convapi-line')!.extensionPath, 'test', 'fixtures', 'spec');
  return fs.readdirSync(dir).filter((f) => f.includes('callback')).sort().map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}


type Item = vscode.TreeItem & { record: CallbackRecord };
const items = async () => (await vscode.commands.executeCommand<Item[]>('convapiLine.test.callbackItems')) ?? [];

describe('webhook listener in VS Code', function () {
  this.timeout(90_000);
  const config = () => vscode.workspace.getConfiguration('convapiLine');
  const mediaUrl = 'https://www.url.com/samples/picture.jpg';
  // The app and project of the spec's callback examples, so the reports are about the sends made here.
  const appId = '01F6PDXVY6Z5GT0AM1YABCDEFG';
  let payloadUri: vscode.Uri;
  let fake: FakeConversationApi;
  let sentPicture: SentMessage;

  /** Writes a payload file and sends it with the real Send command to the fake Conversation API. */
  async function send(name: string, payload: Record<string, unknown>): Promise<SentMessage> {
    const uri = vscode.Uri.joinPath(workspaceUri(), 'generated', name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ app_id: appId, ...payload }, null, 2)));
    const sent = await vscode.commands.executeCommand<SentMessage | undefined>('convapiLine.send', uri);
    assert.ok(sent?.messageId, `${name} was accepted: ${JSON.stringify(sent)}`);
    const answered = fake.requestsTo('send').at(-1)!.response as { message_id: string };
    assert.equal(sent.messageId, answered.message_id, 'the message_id the fake answered');
    return sent;
  }

  before(async () => {
    fake = await FakeConversationApi.start({ appId, projectId: '60d53e51-21f2-abcd-1234-a2d127f480c0' });
    await config().update('listener.port', 0, vscode.ConfigurationTarget.Workspace);
    // The spec's media URL is public: pre-flight must not fetch it.
    await config().update('media.remoteChecks', false, vscode.ConfigurationTarget.Workspace);
    await config().update('environments', [fake.environment('webhooks-it')], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('convapiLine.test.storeKeySecret', 'webhooks-it', fake.options.keySecret);
    payloadUri = vscode.Uri.joinPath(workspaceUri(), 'generated', 'picture.line.json');
  });

  after(async () => {
    await vscode.commands.executeCommand('convapiLine.stopListener');
    await config().update('listener.port', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('media.remoteChecks', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('environments', undefined, vscode.ConfigurationTarget.Workspace);
    await fake?.close();
  });

  it('starts from its command, receives every spec callback, and lists them newest first with summaries and icons', async () => {
    await vscode.commands.executeCommand('convapiLine.clearCallbacks');
    const url = await vscode.commands.executeCommand<string | undefined>('convapiLine.startListener');
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(await vscode.commands.executeCommand('convapiLine.getListenerUrl'), url);

    // The payload file goes out through the Send command; the spec's FAILED report is about the message it sent.
    sentPicture = await send('picture.line.json', { recipient: { contact_id: '01FHZFNK0R9FG8WJK7ABCDEFG' }, message: { media_message: { url: mediaUrl } } });
    assert.equal(sentPicture.file, payloadUri.toString());

    const examples = specCallbacks().map((e) => ({ ...e, text: e.text.replace('01FM6ZS949X61P607KA1BACDEFG', sentPicture.messageId!) }));
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
    const entry = timeline!.find((s) => s.id === sentPicture.id)!;
    assert.deepEqual(entry.events.map((e) => e.kind), ['failed']);
    assert.equal(entry.conversationId, '01FHZFQF598ZX723CHRWABCDEFG', 'learned from the report');
  });

  it('links replies and delivery reports into the timeline: sent → queued on channel → replied', async () => {
    const url = (await vscode.commands.executeCommand<string>('convapiLine.getListenerUrl'))!;
    const sent = await send('timeline.line.json', { recipient: { contact_id: 'CONTACT-T' }, message: { text_message: { text: 'Your table is ready.' } } });
    const report = { app_id: 'A', message_delivery_report: { message_id: sent.messageId, conversation_id: 'CONV-T', contact_id: 'CONTACT-T', status: 'QUEUED_ON_CHANNEL' } };
    const reply = { app_id: 'A', message: { id: 'IN-1', direction: 'TO_APP', conversation_id: 'CONV-T', contact_id: 'CONTACT-T', contact_message: { text_message: { text: 'Thanks!' } }, channel_identity: { channel: 'LINE', identity: 'Uffff0000111122223333' } } };
    assert.equal((await post(url, JSON.stringify(report))).status, 200);
    assert.equal((await post(url, JSON.stringify(reply))).status, 200);
    const entry = await eventually('two timeline events', async () => {
      const found = (await vscode.commands.executeCommand<SentMessage[]>('convapiLine.test.sentMessages'))!.find((s) => s.id === sent.id);
      return found && found.events.length === 2 ? found : undefined;
    });
    assert.deepEqual(entry.events.map((e) => [e.kind, e.summary]), [
      ['queued', `Delivery QUEUED_ON_CHANNEL for message ${sent.messageId}`],
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
