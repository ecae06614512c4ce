// Runs the built CLI (dist/cli.js) as a child process, asynchronously so a fake server in this process can answer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repo = resolve(__dirname, '..', '..', '..', '..');
export const cliPath = join(repo, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The child gets only PATH and what the test gives: no proxy or SINCH_* variable of the machine leaks in. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = repo): Promise<CliRun> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run node esbuild.mjs first`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
