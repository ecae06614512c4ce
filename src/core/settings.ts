import { type Environment, parseEnvironments } from './conversation/environment';

/**
 * The settings the extension's managers share, as the core sees them; `parseSettings` turns untrusted
 * configuration into this. (The preview reads its own theme and CodeLens settings where it uses them.)
 */
export interface Settings {
  payloadFiles: string[];
  /** Largest payload file read from disk by the workspace check, in megabytes (the CLI's --max-size). */
  maxFileSizeMB: number;
  inlayHints: boolean;
  media: { remoteChecks: boolean; timeoutMs: number; allowPrivateAddresses: boolean };
  /** Conversation API environments (no secrets: key secrets live in SecretStorage), and entries that were left out. */
  environments: Environment[];
  environmentProblems: string[];
  send: { timeoutMs: number };
  /** VS Code's own http.proxy / http.noProxy, read beside ours (see readConfiguration). */
  http: { proxy?: string; noProxy?: string };
}

export const defaultSettings: Settings = {
  payloadFiles: [],
  maxFileSizeMB: 10,
  inlayHints: true,
  media: { remoteChecks: true, timeoutMs: 5000, allowPrivateAddresses: false },
  environments: [],
  environmentProblems: [],
  send: { timeoutMs: 30000 },
  http: {},
};

type Read = (key: string) => unknown;

export function parseSettings(read: Read, http: Settings['http'] = {}): Settings {
  const bool = (key: string, fallback: boolean) => (typeof read(key) === 'boolean' ? (read(key) as boolean) : fallback);
  const globs = read('payloadFiles');
  const timeout = read('media.timeoutMs');
  const sendTimeout = read('send.timeoutMs');
  const environments = parseEnvironments(read('environments'));
  return {
    maxFileSizeMB: typeof read('maxFileSizeMB') === 'number' && (read('maxFileSizeMB') as number) > 0 && (read('maxFileSizeMB') as number) <= 4096 ? (read('maxFileSizeMB') as number) : defaultSettings.maxFileSizeMB,
    payloadFiles: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    inlayHints: bool('inlayHints.enabled', defaultSettings.inlayHints),
    media: {
      remoteChecks: bool('media.remoteChecks', defaultSettings.media.remoteChecks),
      timeoutMs: typeof timeout === 'number' && timeout >= 500 && timeout <= 60000 ? timeout : defaultSettings.media.timeoutMs,
      allowPrivateAddresses: bool('media.allowPrivateAddresses', defaultSettings.media.allowPrivateAddresses),
    },
    environments: environments.environments,
    environmentProblems: environments.problems,
    send: { timeoutMs: typeof sendTimeout === 'number' && sendTimeout >= 1000 && sendTimeout <= 300000 ? sendTimeout : defaultSettings.send.timeoutMs },
    http,
  };
}
