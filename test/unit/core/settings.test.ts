import * as assert from 'node:assert/strict';
import { defaultSettings, parseSettings } from '../../../src/core/settings';

describe('parseSettings', () => {
  it('gives the defaults for missing or wrongly typed values', () => {
    assert.deepEqual(parseSettings(() => undefined), defaultSettings);
    const junk: Record<string, unknown> = { payloadFiles: 'x/*.json', 'inlayHints.enabled': 'yes', 'media.remoteChecks': 1, 'media.timeoutMs': 10 };
    assert.deepEqual(parseSettings((k) => junk[k]), defaultSettings);
  });

  it('keeps valid values and drops blank globs', () => {
    const raw: Record<string, unknown> = { payloadFiles: ['a/*.json', ' ', 3], 'inlayHints.enabled': false, 'media.remoteChecks': false, 'media.timeoutMs': 1500 };
    assert.deepEqual(parseSettings((k) => raw[k]), { payloadFiles: ['a/*.json'], inlayHints: false, media: { remoteChecks: false, timeoutMs: 1500, allowPrivateAddresses: false } });
  });
});
