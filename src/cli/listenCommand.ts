import type { CallbackRecord } from '../core/webhook/callbackRecord';
import { ContactOptStates } from '../core/webhook/contactOptStates';
import { defaultListenerHost, defaultListenerPort } from '../core/webhook/defaults';
import { forwardTargetProblem } from '../core/webhook/forward';
import { PortInUseError, start } from '../core/webhook/listener';
import { parseCommandArgs } from './args';
import { type CliIO, UsageError, exitCodes } from './io';

export const secretEnvironmentVariable = 'CONVAPI_LINE_WEBHOOK_SECRET';

export const listenUsage = `Usage: convapi-line listen [--host 127.0.0.1] [--port N] [--secret S] [--forward-to URL] [--json]

Receives the Conversation API's callbacks (expose the port to Sinch with a tunnel such as ngrok), checks their
signatures when a secret is given, and prints one line per request. Stops on Ctrl+C (SIGINT) or SIGTERM.

Options:
  --host HOST          address to bind (default ${defaultListenerHost}; a tunnel reaches it there)
  --port N             port (default ${defaultListenerPort}; 0 picks a free one)
  --secret S           the webhook's secret: requests whose signature does not match it are refused with 401
                       (or set ${secretEnvironmentVariable}, which keeps it out of the process list)
  --forward-to URL     re-post every accepted callback to your own handler, raw body and Sinch headers unchanged
  --json               one JSON object per stdout line: {"event":"listening"|"callback"|"rejected",…}
  -h, --help           show this help
`;

export interface ListenOptions {
  /** Resolves when the listener should stop; defaults to SIGINT or SIGTERM. */
  stopSignal?: Promise<unknown>;
}

function signalled(): { promise: Promise<string>; dispose(): void } {
  let handler: (signal: string) => void = () => {};
  const promise = new Promise<string>((resolve) => {
    handler = resolve;
  });
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

function parsedBody(record: CallbackRecord): unknown {
  try {
    return JSON.parse(record.rawBody);
  } catch {
    return record.rawBody;
  }
}

export function jsonLine(record: CallbackRecord): string {
  if (!record.accepted) {
    return JSON.stringify({ event: 'rejected', status: record.status, reason: record.rejectReason, id: record.id, receivedAt: record.receivedAt, method: record.method, path: record.path, signature: record.signature });
  }
  const { rawBody: _raw, headers: _headers, accepted: _accepted, rejectReason: _reason, ...rest } = record;
  return JSON.stringify({ event: 'callback', ...rest, body: parsedBody(record) });
}

export function textLine(record: CallbackRecord): string {
  const time = record.receivedAt.slice(11, 19);
  if (!record.accepted) return `${time}  ${record.status}  rejected: ${record.rejectReason} (${record.method} ${record.path})`;
  const signature = record.signature === 'verified' ? '  [signature ok]' : '';
  const f = record.forward;
  const forward = f ? `  → ${f.url} ${f.status ?? 'failed'}${f.latencyMs !== undefined ? ` in ${f.latencyMs} ms` : ''}${f.error ? ` (${f.error})` : ''}` : '';
  return `${time}  ${record.status}  ${record.trigger.padEnd(16)}  ${record.summary}${signature}${forward}`;
}

export async function runListen(argv: string[], io: CliIO, options: ListenOptions = {}): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'listen',
    argv,
    {
      host: { type: 'string' },
      port: { type: 'string' },
      secret: { type: 'string' },
      'forward-to': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    listenUsage,
  );
  if (values.help) {
    io.stdout(listenUsage);
    return exitCodes.ok;
  }
  if (positionals.length > 0) throw new UsageError(`listen takes no file arguments (got "${positionals[0]}").`, listenUsage);
  const portText = values.port ?? String(defaultListenerPort);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port takes a port number from 0 to 65535, not "${portText}".`, listenUsage);
  const host = values.host ?? defaultListenerHost;
  if (host.trim() === '') throw new UsageError('--host needs an address, for example 127.0.0.1.', listenUsage);
  const forwardTo = values['forward-to'];
  const forwardProblem = forwardTo === undefined ? undefined : forwardTargetProblem(forwardTo);
  if (forwardProblem) throw new UsageError(`--forward-to: ${forwardProblem}.`, listenUsage);
  const secret = values.secret ?? (process.env[secretEnvironmentVariable] || undefined);

  const optStates = new ContactOptStates();
  let accepted = 0;
  let rejected = 0;
  const stop = options.stopSignal ? undefined : signalled();
  let listener;
  try {
    listener = await start({
      host,
      port,
      secret,
      forwardTo,
      explainContext: { optedOutBefore: (contactId, identity) => optStates.optedOut(contactId, identity) !== undefined },
      onRecord: (record) => {
        optStates.observe(record);
        if (record.accepted) accepted++;
        else rejected++;
        io.stdout(`${values.json ? jsonLine(record) : textLine(record)}\n`);
      },
    });
  } catch (error) {
    stop?.dispose();
    if (error instanceof PortInUseError) {
      io.stderr(`convapi-line listen: ${error.message}. Stop the program that holds it, or choose another port with --port N (--port 0 picks a free one).\n`);
      return exitCodes.problems;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' || (error as NodeJS.ErrnoException).code === 'ENOTFOUND') {
      io.stderr(`convapi-line listen: cannot bind ${host}: it is not an address of this machine. Use --host 127.0.0.1.\n`);
      return exitCodes.problems;
    }
    throw error;
  }
  if (values.json) io.stdout(`${JSON.stringify({ event: 'listening', url: listener.url })}\n`);
  else {
    io.stdout(`Listening for Conversation API callbacks on ${listener.url}${secret ? ' (signatures checked)' : ' (no secret: signatures not checked)'}${forwardTo ? `, forwarding to ${forwardTo}` : ''}\n`);
    io.stderr('Expose it to Sinch with a tunnel (ngrok http ' + listener.port + '), then register the tunnel URL as the webhook. Ctrl+C stops.\n');
  }
  await (options.stopSignal ?? stop!.promise);
  stop?.dispose();
  await listener.close();
  if (!values.json) io.stderr(`Stopped: ${accepted} callback${accepted === 1 ? '' : 's'} accepted, ${rejected} refused.\n`);
  return exitCodes.ok;
}
