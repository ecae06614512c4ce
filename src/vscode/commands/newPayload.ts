import * as vscode from 'vscode';
import { exampleText, payloadExamples } from '../../core/examples/payloadExamples';

export interface NewPayloadArgs {
  /** Example id (text, card, carousel…); asked for when missing. */
  kind?: string;
  /** Where to create the file; asked for when missing. */
  uri?: vscode.Uri;
}

export const newPayloadCommandId = 'convapiLine.newPayload';

/** Asks for a message type and a file name, writes a valid example there and opens it. */
export async function newPayload(args: NewPayloadArgs = {}): Promise<vscode.Uri | undefined> {
  let example = payloadExamples.find((e) => e.id === args.kind);
  if (!example) {
    const picked = await vscode.window.showQuickPick(
      payloadExamples.map((e) => ({ label: e.label, detail: e.detail, example: e })),
      // From the walkthrough, its page re-renders as the step completes and takes the focus: the pick must stay.
      { title: 'New LINE Payload', placeHolder: 'Which message type?', matchOnDetail: true, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    example = picked.example;
  }
  const text = exampleText(example);
  let uri = args.uri;
  if (!uri) {
    const folder = vscode.window.activeTextEditor
      ? vscode.Uri.joinPath(vscode.window.activeTextEditor.document.uri, '..')
      : vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder || folder.scheme === 'untitled') {
      // Untitled, but named like a payload file: it is checked and previewed before it is ever saved.
      const untitled = vscode.Uri.from({ scheme: 'untitled', path: `${example.id}.line.json` });
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(untitled));
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
      return untitled;
    }
    uri = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, `${example.id}.line.json`),
      filters: { 'LINE payload': ['line.json', 'json'] },
      title: 'Save the new LINE payload',
    });
    if (!uri) return undefined;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri);
  return uri;
}
