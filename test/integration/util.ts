// Helpers for integration tests. They run inside the extension host, next to the extension under test.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'convapi-line.convapi-line';

/** The folder the test VS Code opened: test/workspace (runTest passes it as the folder to open). */
export function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test VS Code has no folder open: runTest.ts passes test/workspace');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceUri(), ...relativePath.split('/'));
}

/** Opens a file of the fixture workspace in an editor, as a person would. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** Polls until `condition` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** waitFor for a condition read asynchronously (a view read through a command). */
export async function eventually<T>(what: string, condition: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Diagnostic.code as a plain string, whichever of its three shapes the extension used. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Waits for a diagnostic with `code` on `uri` and returns it; on timeout the error lists what was there. */
export async function waitForDiagnostic(uri: vscode.Uri, code: string, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  try {
    return await waitFor(
      `a diagnostic ${code} on ${path.basename(uri.fsPath)}`,
      () => vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === code),
      timeoutMs,
    );
  } catch (error) {
    const present = vscode.languages
      .getDiagnostics(uri)
      .map((d) => `${d.source ?? '?'}(${diagnosticCode(d) ?? '-'}) ${d.message}`);
    throw new Error(`${(error as Error).message}; diagnostics present: ${JSON.stringify(present)}`);
  }
}
