import * as vscode from 'vscode';
import { fixesFor } from '../core/fixes/quickFixes';
import type { Fix } from '../core/fixes/textEdit';
import { PayloadDiagnostic, toOffsetRange } from './convert';
import type { DiagnosticsManager } from './diagnostics';

/** Turns the core's fixes for our diagnostics into code actions; other sources' diagnostics are left alone. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: DiagnosticsManager) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const result = this.diagnostics.resultFor(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (!(diagnostic instanceof PayloadDiagnostic)) continue;
      // The document may have moved on since the diagnostic was published: fix from the current text.
      const current = result.diagnostics.find((d) => d.code === diagnostic.core.code && d.pointer === diagnostic.core.pointer) ?? diagnostic.core;
      for (const fix of fixesFor(current, result.document)) {
        actions.push(await this.#toAction(document, diagnostic, fix));
      }
    }
    return actions;
  }

  async #toAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: Fix): Promise<vscode.CodeAction> {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.isPreferred;
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) edit.replace(document.uri, toOffsetRange(document, e.offset, e.length), e.newText);
    for (const file of fix.newFiles ?? []) {
      const uri = await freeSibling(document.uri, file.nameSuffix);
      // createFile's `contents` option fails in VS Code for the web ("could not revive data transfer file"):
      // create the file empty and insert the text, which works everywhere and undoes as one step.
      edit.createFile(uri, { ignoreIfExists: false });
      edit.insert(uri, new vscode.Position(0, 0), file.content);
    }
    action.edit = edit;
    return action;
  }
}

/** `card.line.json` + `part2` → `card.part2.line.json`, numbered further if that name is taken. */
export async function freeSibling(uri: vscode.Uri, suffix: string): Promise<vscode.Uri> {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const match = /^(.*?)(\.(?:line|convapi)\.json|\.json)?$/i.exec(name)!;
  const base = match[1]!;
  const ext = match[2] ?? '.line.json';
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(uri, '..', `${base}.${suffix}${n === 1 ? '' : `-${n}`}${ext}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
