import * as assert from 'node:assert/strict';
import { defaultSettings, parseSettings } from '../../../src/core/settings';

describe('parseSettings', () => {
  it('gives the defaults for missing or wrongly typed values', () => {
    assert.deepEqual(parseSettings(() => undefined), defaultSettings);
    const junk: Record<string, unknown> = { payloadFiles: 'x/*.json', 'inlayHints.enabled': 'yes', 'media.remoteChecks': 1, 'media.timeoutMs': 10 };
    assert.deepEqual(parseSettings((k) => junk[k]), defaultSettings);
  });

  it('keeps valid values and drops blank globs', () => {
    const raw: Record<string, unknown> = { payloadFiles: ['a/*.json', ' ', 3], 'inlayHints.enabled': false, 'media.remoteChecks': false, 'media.timeoutMs': 1500, maxFileSizeMB: 2 };
    assert.deepEqual(parseSettings((k) => raw[k]), { ...defaultSettings, payloadFiles: ['a/*.json'], maxFileSizeMB: 2, inlayHints: false, media: { remoteChecks: false, timeoutMs: 1500, allowPrivateAddresses: false } });
    assert.equal(parseSettings((k) => ({ maxFileSizeMB: -1 })[k]).maxFileSizeMB, defaultSettings.maxFileSizeMB);
    // The new name wins over the old one; either is honoured alone.
    assert.equal(parseSettings((k) => ({ ...raw, 'media.timeout': 2500 })[k]).media.timeoutMs, 2500);
    assert.equal(parseSettings((k) => ({ 'media.timeout': 30 } as Record<string, unknown>)[k]).media.timeoutMs, 5000);
  });

  it('reads the listener settings and falls back on out-of-range values', () => {
    const raw: Record<string, unknown> = { 'listener.host': ' ::1 ', 'listener.port': 0, 'listener.forwardTo': 'http://127.0.0.1:3000/hook', 'callbacks.limit': 50 };
    assert.deepEqual(parseSettings((k) => raw[k]).listener, { host: '::1', port: 0, forwardTo: 'http://127.0.0.1:3000/hook', keep: 50 });
    const bad: Record<string, unknown> = { 'listener.host': '', 'listener.port': 70000, 'listener.forwardTo': ' ', 'callbacks.limit': 5 };
    assert.deepEqual(parseSettings((k) => bad[k]).listener, { host: '127.0.0.1', port: 8855, keep: 1000 });
  });

  it('reads environments (no secret field) and the send timeout, and carries VS Code\'s proxy settings', () => {
    const raw: Record<string, unknown> = {
      environments: [{ name: 'dev', projectId: 'p', appId: 'a', region: 'br', keyId: 'k', keySecret: 'ignored' }, { name: 'x' }],
      'send.timeout': 5000,
    };
    const settings = parseSettings((k) => raw[k], { proxy: 'http://proxy.local:3128' });
    assert.deepEqual(settings.environments, [{ name: 'dev', projectId: 'p', appId: 'a', region: 'br', keyId: 'k', variables: {} }]);
    assert.equal(settings.environmentProblems.length, 2);
    assert.match(settings.environmentProblems[0], /\("dev"\): keySecret ignored: secrets belong in VS Code's secret storage/);
    assert.equal(settings.send.timeoutMs, 5000);
    assert.equal(parseSettings((k) => ({ 'send.timeout': 5 })[k]).send.timeoutMs, 30000);
    assert.deepEqual(settings.http, { proxy: 'http://proxy.local:3128' });
  });
});
