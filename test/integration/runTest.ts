// Entry point of the integration suite: `node out/test/integration/runTest.js` after
// `node esbuild.mjs && node esbuild.mjs --tests`. runTests() spawns scripts/vscode-test/code-launcher.mjs as the
// "VS Code executable", which runs the suite in code-server's extension host. On a machine with desktop VS Code,
// CONVAPI_VSCODE_EXECUTABLE=/path/to/code (or `download`, to let @vscode/test-electron fetch one) runs the same suite.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createSelfSignedCertificate } from '../support/selfSignedCertificate';

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.join(__dirname, 'suite', 'index.js');
  const fixtureWorkspace = path.join(repoRoot, 'test', 'workspace');
  for (const required of [path.join(repoRoot, 'dist', 'extension.js'), extensionTestsPath]) {
    if (!fs.existsSync(required)) {
      console.error(`${required} is missing: run node esbuild.mjs && node esbuild.mjs --tests first`);
      return 1;
    }
  }
  const launcher = path.join(repoRoot, 'scripts', 'vscode-test', 'code-launcher.mjs');
  // runTests() executes the file directly; a checkout that lost the executable bit would fail with EACCES.
  fs.chmodSync(launcher, 0o755);
  const choice = process.env.CONVAPI_VSCODE_EXECUTABLE;
  const vscodeExecutablePath = choice === 'download' ? undefined : (choice ?? launcher);

  // A profile of its own for every run, so state from an earlier run cannot change what the tests see.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'convapi-integration-'));
  // Tests apply quick fixes and create files: they work on a copy, so the fixtures in git never change.
  const workspace = path.join(profile, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  // Media pre-flight is tested against an HTTPS server on 127.0.0.1 inside the extension host. Its certificate is
  // trusted the way a user trusts a corporate CA: NODE_EXTRA_CA_CERTS, read by Node when the extension host starts.
  const certificate = createSelfSignedCertificate();
  const tls = { cert: path.join(profile, 'test-ca.pem'), key: path.join(profile, 'test-key.pem') };
  fs.writeFileSync(tls.cert, certificate.cert);
  fs.writeFileSync(tls.key, certificate.key);
  try {
    return await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { NODE_EXTRA_CA_CERTS: tls.cert, CONVAPI_TEST_TLS_CERT: tls.cert, CONVAPI_TEST_TLS_KEY: tls.key },
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError on a non-zero exit; the launcher has already printed why.
    const code = (error as { code?: unknown }).code;
    console.error(String(error instanceof Error ? error.message : error));
    return typeof code === 'number' && code !== 0 ? code : 1;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
