import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticCode, waitFor, workspaceUri } from '../util';

// The Problems panel must show what the files hold now: files change, move and go away behind the editor's back
// (a `git checkout`, a script, another editor), and closing an editor does not change its file.

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'convapi-line');
const codes = (uri: vscode.Uri) => ours(uri).map((d) => diagnosticCode(d)).sort();
const hasCode = (uri: vscode.Uri, code: string) => codes(uri).includes(code);

const payload = (title: string) =>
  JSON.stringify({
    app_id: '{{APP_ID}}',
    recipient: { contact_id: '{{CONTACT_ID}}' },
    message: { card_message: { title, description: 'Description', choices: [{ text_message: { text: 'Yes' } }] } },
  }, null, 2) + '\n';
const tooLong = 'A card title far longer than forty characters';

/** A folder of its own in the (copied) test workspace, written with node:fs as other programs would. */
function folder(name: string): string {
  const dir = path.join(workspaceUri().fsPath, 'problems', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

interface Summary { files: number; filesWithErrors: number; errors: number; dropped: number }
const checkWorkspace = () => vscode.commands.executeCommand<Summary>('convapiLine.checkWorkspace');

describe('Problems that never lie: files changed, moved and deleted on disk', function () {
  this.timeout(90_000);

  it('the workspace check reports closed files and says how many have errors', async () => {
    const dir = folder('summary');
    fs.writeFileSync(path.join(dir, 'bad.line.json'), payload(tooLong));
    fs.writeFileSync(path.join(dir, 'good.line.json'), payload('Fine'));
    const summary = await checkWorkspace();
    assert.ok(summary.files >= 2, JSON.stringify(summary));
    assert.ok(summary.filesWithErrors >= 1 && summary.filesWithErrors < summary.files, JSON.stringify(summary));
    assert.ok(hasCode(vscode.Uri.file(path.join(dir, 'bad.line.json')), 'card.title.too-long'));
    assert.deepEqual(codes(vscode.Uri.file(path.join(dir, 'good.line.json'))), []);
  });

  it('clears a deleted file, re-checks a changed one and checks a created one', async () => {
    const dir = folder('watch');
    const doomed = vscode.Uri.file(path.join(dir, 'doomed.line.json'));
    const changing = vscode.Uri.file(path.join(dir, 'changing.line.json'));
    fs.writeFileSync(doomed.fsPath, payload(tooLong));
    fs.writeFileSync(changing.fsPath, payload(tooLong));
    await checkWorkspace();
    assert.ok(hasCode(doomed, 'card.title.too-long') && hasCode(changing, 'card.title.too-long'));

    fs.rmSync(doomed.fsPath);
    await waitFor('the deleted file to leave the Problems panel', () => ours(doomed).length === 0);

    fs.writeFileSync(changing.fsPath, payload('Fixed on disk'));
    await waitFor('the changed file to be checked again', () => ours(changing).length === 0);
    fs.writeFileSync(changing.fsPath, payload(`${tooLong}, broken again`));
    await waitFor('the file broken again on disk to show its error', () => hasCode(changing, 'card.title.too-long'));

    const created = vscode.Uri.file(path.join(dir, 'created.line.json'));
    fs.writeFileSync(created.fsPath, payload(tooLong));
    await waitFor('a new payload file to be checked', () => hasCode(created, 'card.title.too-long'));
  });

  it('moves the findings of a renamed file to its new name', async () => {
    const dir = folder('rename');
    const before = vscode.Uri.file(path.join(dir, 'before.line.json'));
    const after = vscode.Uri.file(path.join(dir, 'after.line.json'));
    const notPayload = vscode.Uri.file(path.join(dir, 'plain.json'));
    fs.writeFileSync(before.fsPath, payload(tooLong));
    await checkWorkspace();
    assert.ok(hasCode(before, 'card.title.too-long'));
    fs.renameSync(before.fsPath, after.fsPath);
    await waitFor('the old name to be cleared and the new one checked', () => ours(before).length === 0 && hasCode(after, 'card.title.too-long'));
    // Renamed to a name that is no payload: nothing of it stays.
    fs.renameSync(after.fsPath, notPayload.fsPath);
    await waitFor('the file renamed away from *.line.json to leave Problems', () => ours(after).length === 0);
    assert.deepEqual(ours(notPayload), []);
  });

  it('a folder deleted at once (rm -r) takes all its files\' findings along', async () => {
    const dir = folder('tree');
    const nested = path.join(dir, 'nested');
    fs.mkdirSync(nested);
    const uris = ['a', 'b', 'c'].map((n) => vscode.Uri.file(path.join(nested, `${n}.line.json`)));
    for (const uri of uris) fs.writeFileSync(uri.fsPath, payload(tooLong));
    await checkWorkspace();
    assert.ok(uris.every((u) => hasCode(u, 'card.title.too-long')));
    fs.rmSync(nested, { recursive: true });
    await waitFor('every file of the deleted folder to leave Problems', () => uris.every((u) => ours(u).length === 0));
  });

  it('running the check again drops files it no longer finds (no longer payloads by the settings)', async () => {
    const dir = folder('globbed');
    const extra = vscode.Uri.file(path.join(dir, 'message.json'));
    fs.writeFileSync(extra.fsPath, payload(tooLong));
    const config = vscode.workspace.getConfiguration('convapiLine');
    await config.update('payloadFiles', ['problems/globbed/*.json'], vscode.ConfigurationTarget.Workspace);
    try {
      await checkWorkspace();
      assert.ok(hasCode(extra, 'card.title.too-long'), JSON.stringify(codes(extra)));
    } finally {
      await config.update('payloadFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
    // The file is still on disk, so no watcher event clears it: the check itself must.
    assert.ok(hasCode(extra, 'card.title.too-long'));
    const summary = await checkWorkspace();
    assert.ok(summary.dropped >= 1, JSON.stringify(summary));
    assert.deepEqual(ours(extra), []);
  });

  it('a file created on disk, then opened and edited, shows the editor\'s text, not the disk\'s', async () => {
    await checkWorkspace();
    const dir = folder('opened-later');
    const uri = vscode.Uri.file(path.join(dir, 'later.line.json'));
    fs.writeFileSync(uri.fsPath, payload(tooLong));
    await waitFor('the new file to be checked from disk', () => hasCode(uri, 'card.title.too-long'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const at = editor.document.getText().indexOf(tooLong);
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + tooLong.length)), 'Short'));
    await waitFor('the unsaved fix to clear the error', () => !hasCode(uri, 'card.title.too-long'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(codes(uri), [], 'nothing from disk comes back over the open document');
  });

  // Closing an editor falls back to the file on disk: tested in the UI suite (test/ui/editor.test.ts), where a person
  // opens and closes the file. A document opened through the API stays open in the extension host for minutes after
  // its editor closes (VS Code keeps the extension's reference), so no close event would arrive here.

  it('follows a `git checkout` of another branch, and back', async () => {
    const dir = folder('repo');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
    const uri = (name: string) => vscode.Uri.file(path.join(dir, name));
    git('init', '-q');
    for (const name of ['one', 'two', 'three']) fs.writeFileSync(path.join(dir, `${name}.line.json`), payload(`${tooLong} (${name})`));
    git('add', '-A');
    git('commit', '-qm', 'three broken payloads');
    git('checkout', '-qb', 'cleanup');
    git('rm', '-q', 'one.line.json', 'two.line.json');
    fs.writeFileSync(path.join(dir, 'three.line.json'), payload('Fixed'));
    fs.writeFileSync(path.join(dir, 'four.line.json'), payload(`${tooLong} (four)`));
    git('add', '-A');
    git('commit', '-qm', 'cleanup');
    git('checkout', '-q', 'main');
    await waitFor('main\'s files on disk', () => !fs.existsSync(path.join(dir, 'four.line.json')));

    await checkWorkspace();
    for (const name of ['one', 'two', 'three']) assert.ok(hasCode(uri(`${name}.line.json`), 'card.title.too-long'), name);

    git('checkout', '-q', 'cleanup');
    await waitFor('the branch switch to show in Problems', () =>
      ours(uri('one.line.json')).length === 0 &&
      ours(uri('two.line.json')).length === 0 &&
      ours(uri('three.line.json')).length === 0 &&
      hasCode(uri('four.line.json'), 'card.title.too-long'),
    );

    git('checkout', '-q', 'main');
    await waitFor('switching back to show main\'s problems again', () =>
      ['one', 'two', 'three'].every((n) => hasCode(uri(`${n}.line.json`), 'card.title.too-long')) && ours(uri('four.line.json')).length === 0,
    );
  });
});
