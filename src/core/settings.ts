/**
 * The settings the extension's managers share, as the core sees them; `parseSettings` turns untrusted
 * configuration into this. (The preview reads its own theme and CodeLens settings where it uses them.)
 */
export interface Settings {
  payloadFiles: string[];
  inlayHints: boolean;
  media: { remoteChecks: boolean; timeoutMs: number };
}

export const defaultSettings: Settings = {
  payloadFiles: [],
  inlayHints: true,
  media: { remoteChecks: true, timeoutMs: 5000 },
};

type Read = (key: string) => unknown;

export function parseSettings(read: Read): Settings {
  const bool = (key: string, fallback: boolean) => (typeof read(key) === 'boolean' ? (read(key) as boolean) : fallback);
  const globs = read('payloadFiles');
  const validTimeout = (value: unknown) => (typeof value === 'number' && value >= 500 && value <= 60000 ? value : undefined);
  // `media.timeoutMs` is the old name of `media.timeout`; a value set under it still counts.
  const timeout = validTimeout(read('media.timeout')) ?? validTimeout(read('media.timeoutMs'));
  return {
    payloadFiles: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    inlayHints: bool('inlayHints.enabled', defaultSettings.inlayHints),
    media: {
      remoteChecks: bool('media.remoteChecks', defaultSettings.media.remoteChecks),
      timeoutMs: timeout ?? defaultSettings.media.timeoutMs,
    },
  };
}
