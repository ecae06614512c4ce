import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { eventually, waitFor } from '../util';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface SendResult {
  status?: number;
  latencyMs: number;
  body: string;
  url: string;
  signed: boolean;
}

/** Sinch's algorithm, computed here independently of the extension. */
const sign = (secret: string, body: string, nonce: string, timestamp: string) => createHmac('sha256', secret).update(`${body}.${nonce}.${timestamp}`).digest('base64');

function verified(secret: string, r: Received): boolean {
  const h = (name: string) => String(r.headers[name] ?? '');
  return h('x-sinch-webhook-signature') === sign(secret, r.body, h('x-sinch-webhook-signature-nonce'), h('x-sinch-webhook-signature-timestamp'));
}

describe('callback simulator', () => {
  const secret = 'integration-webhook-secret';
  let server: Server;
  let url: string;
  let received: Received[];

  before(async () => {
    received = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"handled":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
  });

  it('sends a sample callback signed with the secret and returns the status, latency and body', async () => {
    const result = await vscode.commands.executeCommand<SendResult>('convapiLine.sendSampleCallback', { kind: 'inbound-text', url, secret, appId: 'APP-FROM-ENV', contactId: 'CONTACT-7' });
    assert.equal(result.status, 202);
    assert.equal(result.body, '{"handled":true}');
    assert.ok(result.latencyMs >= 0 && result.latencyMs < 5000);
    assert.equal(received.length, 1);
    assert.ok(verified(secret, received[0]!), 'the signature verifies with Sinch\'s algorithm');
    const body = JSON.parse(received[0]!.body);
    assert.equal(body.app_id, 'APP-FROM-ENV');
    assert.equal(body.message.contact_id, 'CONTACT-7');
    assert.equal(body.message.contact_message.text_message.text, 'Text MO');
    assert.ok(Math.abs(Number(received[0]!.headers['x-sinch-webhook-signature-timestamp']) - Date.now() / 1000) < 60, 'a current timestamp');
  });

  it('opens a sample to edit as a *.callback.json with a Send This Callback lens, and sends the edited text', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('convapiLine.sendSampleCallback', { kind: 'opt-in', edit: true, appId: 'APP-E' });
    assert.match(uri.path, /\/opt-in\.callback\.json$/);
    const editor = await waitFor('the sample editor', () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor);
    assert.equal(editor.document.languageId, 'json');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok(lenses.some((l) => l.command?.command === 'convapiLine.sendThisCallback'), JSON.stringify(lenses.map((l) => l.command?.title)));
    const text = editor.document.getText();
    const at = text.indexOf('OPT_IN_SUCCEEDED');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'OPT_IN_SUCCEEDED'.length)), 'OPT_IN_FAILED'));
    const result = await vscode.commands.executeCommand<SendResult>('convapiLine.sendThisCallback', uri, { url, secret });
    assert.equal(result.status, 202);
    assert.equal(received.length, 1);
    assert.equal(JSON.parse(received[0]!.body).opt_in_notification.status, 'OPT_IN_FAILED', 'the unsaved edit was sent');
    assert.equal(JSON.parse(received[0]!.body).app_id, 'APP-E');
    assert.ok(verified(secret, received[0]!));
  });

  it('gives *.callback.json files the callback schema: a wrong type is reported by the JSON language service', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('convapiLine.sendSampleCallback', { kind: 'delivery-failed', edit: true });
    const editor = await waitFor('the sample editor', () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor);
    const at = editor.document.getText().indexOf('"FAILED"');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"FAILED"'.length)), '"LOST"'));
    const problem = await waitFor('a schema problem on status', () => vscode.languages.getDiagnostics(uri).find((d) => /QUEUED_ON_CHANNEL/.test(d.message)), 30_000);
    assert.equal(problem.range.start.line, editor.document.positionAt(at).line);
  });

  it('does not send a callback file that is not a callback, and says where it is wrong', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: '{"message": {"id": 5, "contact_message": {}}}' });
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<SendResult | undefined>('convapiLine.sendThisCallback', undefined, { url, secret });
    assert.equal(result, undefined);
    assert.equal(received.length, 0);
  });

  it('replays a received callback byte for byte, re-signed with a fresh nonce and timestamp', async () => {
    const rawBody = '{"app_id":"APP-R","message":{"id":"M1","contact_message":{"text_message":{"text":"again"}}}}';
    const record = {
      id: 'r1',
      receivedAt: '2026-01-01T00:00:00.000Z',
      method: 'POST',
      path: '/',
      headers: { 'x-sinch-webhook-signature-nonce': 'OLDNONCE', 'x-sinch-webhook-signature-timestamp': '1700000000' },
      rawBody,
      status: 200,
      accepted: true,
      signature: 'verified',
      trigger: 'MESSAGE_INBOUND',
      kindKeys: ['message'],
      summary: 'Inbound text: "again"',
      appId: 'APP-R',
    };
    const result = await vscode.commands.executeCommand<SendResult>('convapiLine.replayCallback', { record }, { url, secret });
    assert.equal(result.status, 202);
    assert.equal(received[0]!.body, rawBody);
    assert.notEqual(received[0]!.headers['x-sinch-webhook-signature-nonce'], 'OLDNONCE');
    assert.notEqual(received[0]!.headers['x-sinch-webhook-signature-timestamp'], '1700000000');
    assert.ok(verified(secret, received[0]!));
  });

  it('puts the active environment\'s app id into a sample', async () => {
    const config = vscode.workspace.getConfiguration('convapiLine');
    await config.update('environments', [{ name: 'simulator-env', projectId: 'P-SIM', appId: 'APP-OF-ENVIRONMENT', region: 'eu', keyId: 'K-SIM' }], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the environment in settings', () => vscode.workspace.getConfiguration('convapiLine').get<unknown[]>('environments')?.length === 1);
      const result = await vscode.commands.executeCommand<SendResult>('convapiLine.sendSampleCallback', { kind: 'delivery-queued-on-channel', url, secret });
      assert.equal(result.status, 202);
      const body = JSON.parse(received[0]!.body);
      assert.equal(body.app_id, 'APP-OF-ENVIRONMENT');
      assert.equal(body.message_delivery_report.channel_identity.app_id, 'APP-OF-ENVIRONMENT');
    } finally {
      await config.update('environments', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('refuses plain http to another machine without sending', async () => {
    const result = await vscode.commands.executeCommand<SendResult | undefined>('convapiLine.sendSampleCallback', { kind: 'opt-out-blocked', url: 'http://192.0.2.1/webhook', secret });
    assert.equal(result, undefined);
  });
});

type CallbackItem = vscode.TreeItem & { record: { id: string; accepted: boolean; signature: string; trigger: string; appId?: string; contactId?: string; rawBody: string } };
const callbackItems = async () => (await vscode.commands.executeCommand<CallbackItem[]>('convapiLine.test.callbackItems')) ?? [];


describe('callback simulator with the running listener', function () {
  this.timeout(90_000);
  const appId = '01SIMULATORAPP0000000000000';
  const config = () => vscode.workspace.getConfiguration('convapiLine');

  before(async () => {
    await config().update('listener.port', 0, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('convapiLine.setWebhookSecret', { appId, secret: 'simulator-listener-secret' });
    await vscode.commands.executeCommand('convapiLine.clearCallbacks');
    assert.match((await vscode.commands.executeCommand<string>('convapiLine.startListener')) ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
  after(async () => {
    await vscode.commands.executeCommand('convapiLine.stopListener');
    await vscode.commands.executeCommand('convapiLine.setWebhookSecret', { appId, secret: '' });
    await config().update('listener.port', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('sends a sample to the listener, signed with the app\'s stored secret, and it arrives verified in the Callbacks view', async () => {
    const result = await vscode.commands.executeCommand<SendResult>('convapiLine.sendSampleCallback', { kind: 'inbound-text', url: 'listener', appId });
    assert.equal(result.status, 200);
    assert.equal(result.url, await vscode.commands.executeCommand('convapiLine.getListenerUrl'));
    const item = await eventually('the callback in the view', async () => (await callbackItems()).find((i) => i.record.appId === appId));
    assert.equal(item.label, 'Inbound text from U4623…: "Text MO"');
    assert.equal(item.record.accepted, true);
    assert.equal(item.record.signature, 'verified', 'the listener checked the signature with the same stored secret');
  });

  it('replays a callback from the view: re-signed, so the listener takes it again instead of refusing a used nonce', async () => {
    const original = (await callbackItems()).find((i) => i.record.appId === appId && i.record.trigger === 'MESSAGE_INBOUND')!;
    const result = await vscode.commands.executeCommand<SendResult>('convapiLine.replayCallback', original, { url: 'listener' });
    assert.equal(result.status, 200);
    const replays = await eventually('the replay in the view', async () => {
      const same = (await callbackItems()).filter((i) => i.record.rawBody === original.record.rawBody);
      return same.length === 2 && same;
    });
    assert.ok(replays.every((i) => i.record.accepted && i.record.signature === 'verified'));
  });

  it('a sample sent from a callback in the view is about that callback\'s app and contact', async () => {
    const item = (await callbackItems()).find((i) => i.record.appId === appId && i.record.contactId)!;
    const result = await vscode.commands.executeCommand<SendResult>('convapiLine.sendSampleCallback', item, { kind: 'opt-out-blocked', url: 'listener' });
    assert.equal(result.status, 200);
    const optOut = await eventually('the opt-out in the view', async () => (await callbackItems()).find((i) => i.record.trigger === 'OPT_OUT' && i.record.appId === appId));
    assert.equal(optOut.record.contactId, item.record.contactId);
    assert.equal(optOut.record.signature, 'verified');
  });
});
