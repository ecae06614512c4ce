/** The extension's settings as the core sees them; `parseSettings` turns untrusted configuration into this. */
export interface Settings {
  payloadFiles: string[];
  inlayHints: boolean;
  codeLens: boolean;
  media: { remoteChecks: boolean; timeoutMs: number };
  previewTheme: 'auto' | 'light' | 'dark';
}

export const defaultSettings: Settings = {
  payloadFiles: [],
  inlayHints: true,
  codeLens: true,
  media: { remoteChecks: true, timeoutMs: 5000 },
  previewTheme: 'auto',
};

type Read = (key: string) => unknown;

export function parseSettings(read: Read): Settings {
  const bool = (key: string, fallback: boolean) => (typeof read(key) === 'boolean' ? (read(key) as boolean) : fallback);
  const globs = read('payloadFiles');
  const timeout = read('media.timeoutMs');
  const theme = read('preview.theme');
  return {
    payloadFiles: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    inlayHints: bool('inlayHints.enabled', defaultSettings.inlayHints),
    codeLens: bool('codeLens.enabled', defaultSettings.codeLens),
    media: {
      remoteChecks: bool('media.remoteChecks', defaultSettings.media.remoteChecks),
      timeoutMs: typeof timeout === 'number' && timeout >= 500 && timeout <= 60000 ? timeout : defaultSettings.media.timeoutMs,
    },
    previewTheme: theme === 'light' || theme === 'dark' ? theme : 'auto',
  };
}
