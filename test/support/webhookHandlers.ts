// Small webhook handlers on 127.0.0.1 that answer callbacks well or badly, for testing `convapi-line simulate`.
// The verifying one computes the signature itself with node:crypto, from the algorithm as Sinch documents it, so
// the simulator's signing is checked against an independent implementation rather than against itself.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

/** What the handler answers; a delay makes it slow. */
export type Answer = { status: number; delayMs?: number; body?: string };
export type Behaviour = (request: { headers: IncomingMessage['headers']; body: string }) => Answer;

export interface RunningHandler {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startHandler(behaviour: Behaviour): Promise<RunningHandler> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let answer: Answer;
      try {
        answer = behaviour({ headers: req.headers, body });
      } catch {
        answer = { status: 500, body: 'handler crashed' };
      }
      requests.push({ headers: req.headers, body, answered: answer.status });
      const send = () => {
        if (!res.destroyed) res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
      };
      if (answer.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, answer.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const header = (h: IncomingMessage['headers'], name: string) => (typeof h[name] === 'string' ? (h[name] as string) : undefined);

/** Whether the signature headers match the body under `secret`: base64(HMAC-SHA256(secret, body.nonce.timestamp)). */
export function signatureMatches(secret: string, headers: IncomingMessage['headers'], body: string): boolean {
  const signature = header(headers, 'x-sinch-webhook-signature');
  const nonce = header(headers, 'x-sinch-webhook-signature-nonce');
  const timestamp = header(headers, 'x-sinch-webhook-signature-timestamp');
  if (!signature || !nonce || !timestamp || header(headers, 'x-sinch-webhook-signature-algorithm') !== 'HmacSHA256') return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${body}.${nonce}.${timestamp}`, 'utf8').digest('base64'));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The handler Sinch's docs ask for: signature, a recent timestamp, an unused nonce, then a JSON body. */
export function verifyingHandler(secret: string, { checkFreshness = true, maxAgeSeconds = 300 } = {}): Behaviour {
  const seen = new Set<string>();
  return ({ headers, body }) => {
    if (!signatureMatches(secret, headers, body)) return { status: 401, body: 'bad signature' };
    if (checkFreshness) {
      const age = Math.abs(Date.now() / 1000 - Number(header(headers, 'x-sinch-webhook-signature-timestamp')));
      if (!(age <= maxAgeSeconds)) return { status: 401, body: 'stale' };
      const nonce = header(headers, 'x-sinch-webhook-signature-nonce')!;
      if (seen.has(nonce)) return { status: 409, body: 'replayed' };
      seen.add(nonce);
    }
    try {
      JSON.parse(body);
    } catch {
      return { status: 400, body: 'not JSON' };
    }
    return { status: 200, body: 'ok' };
  };
}
