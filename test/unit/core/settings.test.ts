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
  });

  it('reads environments (no secret field) and the send timeout, and carries VS Code\'s proxy settings', () => {
    const raw: Record<string, unknown> = {
      environments: [{ name: 'dev', projectId: 'p', appId: 'a', region: 'br', keyId: 'k', keySecret: 'ignored' }, { name: 'x' }],
      'send.timeoutMs': 5000,
    };
    const settings = parseSettings((k) => raw[k], { proxy: 'http://proxy.local:3128' });
    assert.deepEqual(settings.environments, [{ name: 'dev', projectId: 'p', appId: 'a', region: 'br', keyId: 'k', variables: {} }]);
    assert.equal(settings.environmentProblems.length, 1);
    assert.equal(settings.send.timeoutMs, 5000);
    assert.equal(parseSettings((k) => ({ 'send.timeoutMs': 5 })[k]).send.timeoutMs, 30000);
    assert.deepEqual(settings.http, { proxy: 'http://proxy.local:3128' });
  });
});
