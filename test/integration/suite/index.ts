// The mocha runner that VS Code loads in the extension host (`extensionTestsPath`). It runs every *.test.js
// bundled beside it, so new integration test files need no registration here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export async function run(): Promise<void> {
  // The web workbench mirrors the extension host's console without applying printf-style formats, so mocha's
  // "%s" placeholders would arrive unfilled.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 60_000,
    // CONVAPI_TEST_GREP narrows a run while working on one test: CONVAPI_TEST_GREP=activation node ...
    ...(process.env.CONVAPI_TEST_GREP ? { grep: process.env.CONVAPI_TEST_GREP } : {}),
  });
  const files = findTestFiles(__dirname);
  if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}: run node esbuild.mjs --tests`);
  for (const file of files) mocha.addFile(file);

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
    } catch (error) {
      reject(error);
    }
  });
  // A plain closing line that CI tooling reads, whatever reporter is used.
  console.log(`integration: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  if (stats.passes === 0) throw new Error('no integration test ran');
}
