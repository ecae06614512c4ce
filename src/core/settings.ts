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
  /** The webhook listener: where it binds, where it forwards accepted callbacks, how many it keeps. */
  listener: { host: string; port: number; forwardTo?: string; keep: number };
  /** The callback simulator: how long a handler may take to answer (5 s by default, an assumption). */
  simulator: { timeoutMs: number };
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
  listener: { host: '127.0.0.1', port: 8855, keep: 1000 },
  simulator: { timeoutMs: 5000 },
};

type Read = (key: string) => unknown;

export function parseSettings(read: Read, http: Settings['http'] = {}): Settings {
  const bool = (key: string, fallback: boolean) => (typeof read(key) === 'boolean' ? (read(key) as boolean) : fallback);
  const globs = read('payloadFiles');
  const validTimeout = (value: unknown) => (typeof value === 'number' && value >= 500 && value <= 60000 ? value : undefined);
  // `media.timeoutMs` is the old name of `media.timeout`; a value set under it still counts.
  const timeout = validTimeout(read('media.timeout')) ?? validTimeout(read('media.timeoutMs'));
  const sendTimeout = read('send.timeout');
  const environments = parseEnvironments(read('environments'));
  return {
    maxFileSizeMB: typeof read('maxFileSizeMB') === 'number' && (read('maxFileSizeMB') as number) > 0 && (read('maxFileSizeMB') as number) <= 4096 ? (read('maxFileSizeMB') as number) : defaultSettings.maxFileSizeMB,
    payloadFiles: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    inlayHints: bool('inlayHints.enabled', defaultSettings.inlayHints),
    media: {
      remoteChecks: bool('media.remoteChecks', defaultSettings.media.remoteChecks),
      timeoutMs: timeout ?? defaultSettings.media.timeoutMs,
      allowPrivateAddresses: bool('media.allowPrivateAddresses', defaultSettings.media.allowPrivateAddresses),
    },
    environments: environments.environments,
    environmentProblems: environments.problems,
    send: { timeoutMs: typeof sendTimeout === 'number' && sendTimeout >= 1000 && sendTimeout <= 300000 ? sendTimeout : defaultSettings.send.timeoutMs },
    http,
    listener: parseListenerSettings(read),
    simulator: { timeoutMs: wholeNumberIn(read('simulator.timeout'), 100, 600000) ?? defaultSettings.simulator.timeoutMs },
  };
}

function parseListenerSettings(read: Read): Settings['listener'] {
  const d = defaultSettings.listener;
  const host = read('listener.host');
  const port = read('listener.port');
  const forwardTo = read('listener.forwardTo');
  const keep = read('callbacks.limit');
  return {
    host: typeof host === 'string' && host.trim() !== '' ? host.trim() : d.host,
    port: typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : d.port,
    ...(typeof forwardTo === 'string' && forwardTo.trim() !== '' ? { forwardTo: forwardTo.trim() } : {}),
    keep: typeof keep === 'number' && Number.isInteger(keep) && keep >= 10 && keep <= 100_000 ? keep : d.keep,
  };
}

function wholeNumberIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}
