import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackRecord } from './callbackRecord';
import { explainCallback, type ExplainContext } from './explainCallback';
import { forwardCallback, defaultForwardTimeoutMs } from './forward';
import { NonceMemory, verifySignature } from './verifySignature';

export const defaultMaxBodyBytes = 1024 * 1024;

export interface ListenerOptions {
  /** 127.0.0.1 unless the user asks otherwise: callbacks reach it through a tunnel, not the network. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /**
   * The webhook secret; a function is asked on every request (so a secret set while running applies at once) with
   * the callback's app_id, for a listener that serves several apps.
   */
  secret?: string | ((appId: string | undefined) => string | readonly string[] | undefined);
  /** The user's own handler: every accepted callback is re-posted there and its answer passed back. */
  forwardTo?: string | (() => string | undefined);
  forwardTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Called once per request, accepted or refused, after it has been answered. */
  onRecord: (record: CallbackRecord) => void;
  /** Lets the explanation know about earlier callbacks (an opt-in after an opt-out is an unblock). */
  explainContext?: ExplainContext;
  /** For tests: a fixed clock, in seconds. */
  nowSeconds?: () => number;
}

export interface Listener {
  /** http://host:port/ (IPv6 hosts in brackets). */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The port is taken: the message names it; `hint` tells the way out in the caller's terms (a flag, a setting). */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use (another listener, or another program)`);
  }
}

const headerRecord = (raw: http.IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
};

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/**
 * Starts the webhook listener: plain node:http, one request at a time per connection, nothing shared but the nonce
 * memory. Every request is answered and recorded, whatever it holds: 405 for a method other than POST, 413 for a
 * body over the limit (reading stops there), 401 for a bad signature, 400 for a body that is not a JSON object,
 * otherwise 200 (or the forward handler's answer).
 */
export function start(options: ListenerOptions): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const nonces = new NonceMemory();
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const resolve = (v: string | ((appId?: string) => string | undefined) | undefined) => (typeof v === 'function' ? v() : v) || undefined;
  const secretsFor = (appId: string | undefined): string[] => {
    const found = typeof options.secret === 'function' ? options.secret(appId) : options.secret;
    return (typeof found === 'string' ? [found] : (found ?? [])).filter((s) => s !== '');
  };
  let sequence = 0;
  // Ids unique across restarts of the listener (records from earlier runs stay in the store).
  const idPrefix = `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

  const record = (request: http.IncomingMessage, raw: Buffer, status: number, partial: Partial<CallbackRecord>): CallbackRecord => ({
    id: `${idPrefix}-${(sequence++).toString(36)}`,
    receivedAt: new Date().toISOString(),
    method: request.method ?? '?',
    path: (request.url ?? '/').slice(0, 2000),
    headers: headerRecord(request.headers),
    rawBody: raw.toString('utf8'),
    status,
    accepted: false,
    signature: 'unchecked',
    trigger: 'UNKNOWN',
    kindKeys: [],
    summary: '',
    ...partial,
  });

  const emit = (r: CallbackRecord) => {
    try {
      options.onRecord(r);
    } catch {
      // A failing consumer must not take the listener down; the request was already answered.
    }
  };

  const answer = (response: http.ServerResponse, status: number, body: unknown, extra: http.OutgoingHttpHeaders = {}) => {
    if (response.headersSent || response.destroyed) return;
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
    response.end(text);
  };

  const refuse = (request: http.IncomingMessage, response: http.ServerResponse, raw: Buffer, status: number, reason: string, partial: Partial<CallbackRecord> = {}, extra: http.OutgoingHttpHeaders = {}) => {
    answer(response, status, { error: reason }, extra);
    emit(record(request, raw, status, { rejectReason: reason, summary: `Refused (${status}): ${reason}`, ...partial }));
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse, raw: Buffer) => {
    let value: unknown;
    let syntaxError: string | undefined;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      syntaxError = raw.length === 0 ? 'empty body' : `invalid JSON: ${(error as Error).message}`;
    }
    // The app_id only chooses which secret to check with; nothing else of the body is trusted before the check.
    const appId = typeof (value as { app_id?: unknown } | null)?.app_id === 'string' ? (value as { app_id: string }).app_id : undefined;
    const secrets = secretsFor(appId || undefined);
    let signature: CallbackRecord['signature'] = 'unchecked';
    if (secrets.length > 0) {
      // Several candidate secrets (apps whose callbacks do not name them): any one that matches will do.
      let verdict = verifySignature(secrets[0]!, request.headers, raw, nonces, now());
      for (let i = 1; !verdict.ok && verdict.reason === 'signature does not match the secret' && i < secrets.length; i++) {
        verdict = verifySignature(secrets[i]!, request.headers, raw, nonces, now());
      }
      if (!verdict.ok) return refuse(request, response, raw, 401, verdict.reason, { signature: 'rejected' });
      signature = 'verified';
    }
    if (syntaxError !== undefined) return refuse(request, response, raw, 400, syntaxError, { signature });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
      return refuse(request, response, raw, 400, `the body is ${what}, not a callback object`, { signature });
    }
    const target = resolve(options.forwardTo);
    // Without forwarding the answer is known now; Sinch need not wait for the explanation.
    if (!target) answer(response, 200, { ok: true });
    const explained = explainCallback(value, options.explainContext);
    const accepted: Partial<CallbackRecord> = {
      accepted: true,
      signature,
      trigger: explained.trigger,
      kindKeys: explained.kindKeys,
      summary: explained.summary,
      appId: explained.appId,
      contactId: explained.contactId,
      conversationId: explained.conversationId,
      messageId: explained.messageId,
      details: explained.details,
    };
    if (!target) return emit(record(request, raw, 200, accepted));
    const forwarded = await forwardCallback(target, raw, headerRecord(request.headers), options.forwardTimeoutMs ?? defaultForwardTimeoutMs);
    // The listener stands in for the handler, as a proxy would: Sinch sees the handler's answer and retries
    // when the handler failed.
    const status = forwarded.status ?? (forwarded.error?.startsWith('no answer') ? 504 : 502);
    if (forwarded.status !== undefined && !response.headersSent) {
      response.writeHead(status, { 'content-type': forwarded.contentType ?? 'text/plain', 'content-length': forwarded.body?.length ?? 0 });
      response.end(forwarded.body);
    } else {
      answer(response, status, { error: `forwarding to ${target} failed: ${forwarded.error}` });
    }
    const { body: _body, contentType: _type, ...forward } = forwarded;
    emit(record(request, raw, status, { ...accepted, forward }));
  };

  const server = http.createServer((request, response) => {
    request.on('error', () => request.destroy());
    response.on('error', () => response.destroy());
    if (request.method !== 'POST') {
      request.resume();
      return refuse(request, response, Buffer.alloc(0), 405, `method ${request.method} not allowed; Sinch callbacks are POST`, {}, { allow: 'POST' });
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return tooLarge(request, response, Buffer.alloc(0), `body of ${declared} bytes is over the ${maxBodyBytes}-byte limit`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        done = true;
        chunks.push(chunk.subarray(0, chunk.length - (size - maxBodyBytes)));
        return tooLarge(request, response, Buffer.concat(chunks).subarray(0, 4096), `body over the ${maxBodyBytes}-byte limit`);
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      handle(request, response, Buffer.concat(chunks, size)).catch((error: unknown) => {
        answer(response, 500, { error: 'listener error' });
        emit(record(request, Buffer.concat(chunks, size), 500, { rejectReason: `listener error: ${(error as Error)?.message}`, summary: 'Listener error' }));
      });
    });
  });

  /** Answers 413 at once and closes the connection, so the rest of the body is never read. */
  function tooLarge(request: http.IncomingMessage, response: http.ServerResponse, head: Buffer, reason: string) {
    request.pause();
    refuse(request, response, head, 413, reason, { details: { kind: 'too-large', truncated: true } }, { connection: 'close' });
    response.once('finish', () => setTimeout(() => request.socket?.destroy(), 50).unref());
  }

  // A malformed request line or header never reaches the handler: answer 400 and drop only that connection.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    socket.destroy();
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  return new Promise((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, options.port) : error);
    });
    server.listen(options.port, host, () => {
      const port = (server.address() as AddressInfo).port;
      server.on('error', () => {});
      resolvePromise({
        url: urlOf(host, port),
        host,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
