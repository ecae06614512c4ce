import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Workbench, useWorkbench } from './workbench';

describe('UI: the installed VSIX in the workbench', function () {
  const open = useWorkbench();
  let workbench: Workbench;
  beforeEach(() => {
    workbench = open();
  });

  it('underlines a too-long card title as an error', async function () {
    await workbench.openFile('card-title-too-long.line.json');
    await workbench.errorSquiggles().first().waitFor({ state: 'visible', timeout: 60_000 });
    await workbench.screenshot('01-squiggle');
  });

  it('lists the problem with its code in the Problems panel', async function () {
    const rows = await workbench.openProblems();
    const problem = rows.filter({ hasText: 'card.title.too-long' }).first();
    await problem.waitFor({ state: 'visible', timeout: 30_000 });
    // The markers panel renders message, source, code and position as separate elements of one row.
    const text = (await problem.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /convapi-line card\.title\.too-long \[Ln \d+, Col \d+\]/);
    await workbench.screenshot('02-problems');
  });

  it('shows the extension as installed in the Extensions view', async function () {
    const manifest = JSON.parse(fs.readFileSync(path.join(workbench.env.repoRoot, 'package.json'), 'utf8')) as {
      displayName: string;
    };
    await workbench.runCommandFromPalette('Extensions: Show Installed Extensions');
    const viewlet = workbench.page.locator('.extensions-viewlet');
    // The list is filled, then refreshed once more; a screenshot in between shows an empty list.
    await workbench.page
      .waitForFunction(() => !document.querySelector('.extensions-viewlet .monaco-progress-container.active'), null, {
        timeout: 30_000,
      })
      .catch(() => undefined);
    // The remote section ("127.0.0.1:PORT - Installed") is where a VSIX installed on the server shows.
    const installedPane = viewlet.locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: 'Installed' }) });
    const entry = installedPane.locator('.monaco-list-row').filter({ hasText: manifest.displayName }).first();
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.page.waitForTimeout(500);
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.screenshot('03-extensions');
  });
});
