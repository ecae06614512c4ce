import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostic, workspaceUri } from '../util';

describe('editor: findings inside explicit_channel_message.LINE', function () {
  this.timeout(60_000);

  it('underlines the value inside the string and names the inner path in the message', async () => {
    const line = { messages: [{ type: 'flex', altText: 'Menu', contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [{ type: 'text', text: 'Hi' }] } } }] };
    const payload = { app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message: { explicit_channel_message: { LINE: JSON.stringify(line) } } };
    const uri = vscode.Uri.joinPath(workspaceUri(), 'generated', 'explicit-inner.line.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(payload, null, 2) + '\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await waitForDiagnostic(uri, 'explicit.line.enum');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^LINE message 1 at \/messages\/0\/contents\/body\/layout: /);
    assert.equal(editor.document.getText(d.range), '\\"diagonal\\"');
  });
});
