import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkText } from '../../../src/core/check';
import { diagnosticCode, fixtureUri, waitFor, waitForDiagnostic, workspaceUri } from '../util';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'convapi-line');
const codes = (uri: vscode.Uri) => ours(uri).map((d) => diagnosticCode(d)).sort();

let counter = 0;
/** A new payload file in the (copied) test workspace, opened in an editor. */
async function openPayload(content: unknown, name = `case-${++counter}.line.json`): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceUri(), 'generated', name);
  const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n';
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

const payload = (message: unknown) => ({ app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message });
const card = (over: Record<string, unknown> = {}) => ({
  title: 'Title',
  description: 'Description',
  media_message: { url: '{{IMAGE_URL}}' },
  choices: [{ text_message: { text: 'Yes' }, postback_data: 'yes' }],
  ...over,
});

/** Waits until the published diagnostics match the current text (the check is debounced after an edit). */
async function settled(editor: vscode.TextEditor): Promise<void> {
  const expected = checkText(editor.document.getText(), { omitSyntax: true, omitSchema: true }).diagnostics.map((d) => d.code).sort();
  await waitFor(`diagnostics to settle to ${JSON.stringify(expected)}`, () => JSON.stringify(codes(editor.document.uri)) === JSON.stringify(expected));
}

describe('editor: diagnostics, quick fixes, counts', function () {
  this.timeout(60_000);

  it('reports LINE rules with their codes at the exact ranges', async () => {
    const editor = await openPayload(payload({ card_message: card({ title: 'x'.repeat(41), media_message: { url: 'http://127.0.0.1:9/a.gif' } }) }));
    const uri = editor.document.uri;
    const title = await waitForDiagnostic(uri, 'card.title.too-long');
    assert.equal(title.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(title.message, 'Card title is 41 characters; LINE allows at most 40.');
    assert.equal(editor.document.getText(title.range), JSON.stringify('x'.repeat(41)));
    await waitForDiagnostic(uri, 'card.image-format');
    const http = await waitForDiagnostic(uri, 'media.http');
    assert.equal(editor.document.getText(http.range), '"http://127.0.0.1:9/a.gif"');
  });

  it('leaves schema and syntax errors to the JSON language service: nothing is reported twice', async () => {
    const editor = await openPayload('{\n  "app_id": 42,\n  "recipient": { "contact_id": "c" },\n  "message": { "text_message": { "text": "hi" } }\n}\n');
    const uri = editor.document.uri;
    const fromJson = await waitFor('the JSON service to report the wrong type of app_id', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source !== 'convapi-line' && d.range.start.line === 1),
    );
    assert.ok(fromJson);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(codes(uri), []);
  });

  const fixCases: { code: string; message: unknown; title: RegExp }[] = [
    { code: 'card.title.too-long', message: { card_message: card({ title: 'T'.repeat(50) }) }, title: /Trim to 40/ },
    { code: 'card.description.too-long', message: { card_message: card({ description: '説明'.repeat(31) }) }, title: /Trim to 60/ },
    { code: 'choice.text.too-long', message: { choice_message: { text_message: { text: 'q'.repeat(170) }, choices: [{ text_message: { text: 'a' } }] } }, title: /Trim to 160/ },
    { code: 'media.http', message: { media_message: { url: 'http://127.0.0.1:9/a.jpg' } }, title: /https/ },
    { code: 'media.thumbnail-missing', message: { media_message: { url: 'https://127.0.0.1:9/v.mp4' } }, title: /thumbnail_url/ },
    { code: 'card.too-many-buttons', message: { card_message: card({ choices: [1, 2, 3, 4, 5].map((n) => ({ text_message: { text: `B${n}` } })) }) }, title: /Remove the last 1 button/ },
    { code: 'choice.too-many-buttons', message: { choice_message: { text_message: { text: 'Pick' }, choices: [1, 2, 3, 4, 5, 6].map((n) => ({ text_message: { text: `B${n}` } })) } }, title: /keep 4/ },
    { code: 'message.multiple-types', message: { text_message: { text: 'Hi' }, card_message: card() }, title: /Remove card_message/ },
    { code: 'carousel.too-many-choices', message: { carousel_message: { cards: [card()], choices: [1, 2, 3, 4, 5].map((n) => ({ text_message: { text: `O${n}` } })) } }, title: /keep 3/ },
    { code: 'button.label.long', message: { card_message: card({ choices: [{ text_message: { text: 'A label much longer than twenty' } }] }) }, title: /^Trim at a word boundary: “A label much longer”$/ },
    { code: 'choice.postback.too-long', message: { card_message: card({ choices: [{ text_message: { text: 'Go' }, postback_data: 'p'.repeat(301) }] }) }, title: /Trim to 300/ },
  ];

  for (const c of fixCases) {
    it(`quick fix for ${c.code} applies and leaves a file that checks clean`, async () => {
      const editor = await openPayload(payload(c.message));
      const uri = editor.document.uri;
      const diagnostic = await waitForDiagnostic(uri, c.code);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((a) => c.title.test(a.title));
      assert.ok(action, `a fix matching ${c.title} among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit!));
      await settled(editor);
      const after = checkText(editor.document.getText());
      assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
      assert.ok(!codes(uri).includes(c.code));
    });
  }

  it('resolves an ambiguous recipient by keeping contact_id', async () => {
    const editor = await openPayload({ app_id: 'A', recipient: { contact_id: 'C', identified_by: { channel_identities: [{ channel: 'LINE', identity: 'U1' }] } }, message: { text_message: { text: 'Hi' } } });
    const uri = editor.document.uri;
    const diagnostic = await waitForDiagnostic(uri, 'recipient.ambiguous');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const keep = actions.find((a) => /Keep contact_id/.test(a.title));
    assert.ok(keep, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(keep.edit!));
    assert.deepEqual(JSON.parse(editor.document.getText()).recipient, { contact_id: 'C' });
    await settled(editor);
  });

  it('moves the cards beyond 10 of a carousel into a new payload file', async () => {
    const cards = Array.from({ length: 13 }, (_, i) => card({ title: `Card ${i + 1}` }));
    const editor = await openPayload(payload({ carousel_message: { cards } }), 'big-carousel.line.json');
    const uri = editor.document.uri;
    const diagnostic = await waitForDiagnostic(uri, 'carousel.too-many-cards');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const move = actions.find((a) => /Move the last 3 cards/.test(a.title));
    assert.ok(move, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(move.edit!));
    const part2 = vscode.Uri.joinPath(uri, '..', 'big-carousel.part2.line.json');
    // Like the edited file, the new one is left unsaved for the user to review.
    const moved = JSON.parse((await vscode.workspace.openTextDocument(part2)).getText());
    assert.deepEqual(moved.message.carousel_message.cards.map((c: { title: string }) => c.title), ['Card 11', 'Card 12', 'Card 13']);
    assert.equal(JSON.parse(editor.document.getText()).message.carousel_message.cards.length, 10);
    await settled(editor);
  });

  it('shows used/limit on hover and as an inlay hint near the limit', async () => {
    const editor = await openPayload(payload({ card_message: card({ title: 'Sale 😀 ' + 'x'.repeat(30) }) }));
    const text = editor.document.getText();
    const titleAt = editor.document.positionAt(text.indexOf('Sale'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, titleAt);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // LINE counts a card title (a template title) in grapheme clusters: the emoji is one, so 37, not 38.
    assert.match(hoverText, /Card title: 37\/40 characters/);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, new vscode.Range(0, 0, editor.document.lineCount, 0));
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.deepEqual(labels, ['37/40']);
  });
});

describe('payload files matched by the convapiLine.payloadFiles setting', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.workspace.getConfiguration('convapiLine').update('payloadFiles', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('are checked too, schema problems included (the JSON service does not know them as payloads)', async () => {
    const uri = vscode.Uri.joinPath(workspaceUri(), 'payloads', 'promo.json');
    const content = { app_id: 42, recipient: { contact_id: 'c' }, message: { card_message: card({ title: 'T'.repeat(45) }) } };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(content, null, 2)));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(codes(uri), [], 'a plain *.json is not a payload until the setting says so');

    await vscode.workspace.getConfiguration('convapiLine').update('payloadFiles', ['payloads/**/*.json'], vscode.ConfigurationTarget.Workspace);
    await waitFor('the extra glob to take effect', () => JSON.stringify(codes(uri)) === JSON.stringify(['card.title.too-long', 'schema.type']));

    await vscode.workspace.getConfiguration('convapiLine').update('payloadFiles', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('its diagnostics to go once it is no longer a payload', () => codes(uri).length === 0);
  });
});

describe('commands', function () {
  this.timeout(90_000);

  it('"Check All Payloads in Workspace" fills the Problems panel for files that are not open', async () => {
    const broken = fixtureUri('unopened/broken-card.line.json');
    const fine = fixtureUri('unopened/fine.convapi.json');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === broken.toString()));
    const summary = await vscode.commands.executeCommand<{ files: number; errors: number }>('convapiLine.checkWorkspace');
    assert.ok(summary.files >= 4, `files checked: ${summary.files}`);
    const found = vscode.languages.getDiagnostics(broken).map((d) => `${diagnosticCode(d)}@${d.range.start.line + 1}`);
    assert.deepEqual(found.sort(), ['card.title.too-long@6', 'schema.type@2'].sort());
    assert.deepEqual(vscode.languages.getDiagnostics(fine), []);
  });

  it('offers the payload snippets when completing in an empty *.line.json', async () => {
    const editor = await openPayload('', 'empty.line.json');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const expected of ['LINE card message payload', 'LINE carousel message payload', 'LINE sticker (explicit channel message) payload']) {
      assert.ok(labels.includes(expected), `${expected} among ${JSON.stringify(labels)}`);
    }
  });

  it('"New LINE Payload…" writes a valid example and opens it', async () => {
    const uri = vscode.Uri.joinPath(workspaceUri(), 'generated', 'new-carousel.line.json');
    const created = await vscode.commands.executeCommand<vscode.Uri>('convapiLine.newPayload', { kind: 'carousel', uri });
    assert.equal(created?.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.equal(JSON.parse(text).message.carousel_message.cards.length, 3);
    assert.deepEqual(checkText(text).diagnostics, []);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(codes(uri), []);
  });

  it('contributes its commands under one category, with when-clauses for payload-only ones', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['convapiLine.checkWorkspace', 'convapiLine.newPayload', 'convapiLine.recheckMedia', 'convapiLine.showLog']) {
      assert.ok(all.includes(id), `${id} is registered`);
    }
  });
});
