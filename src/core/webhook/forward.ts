import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';

/** No documented Sinch budget for a callback's answer; 5 s is the assumption (Sinch's Voice API enforces it). */
export const defaultForwardTimeoutMs = 5000;

export interface ForwardResult {
  url: string;
  status?: number;
  latencyMs?: number;
  error?: string;
  /** The handler's answer, at most 64 KiB, to pass back to the caller. */
  body?: Buffer;
  contentType?: string;
}

/** Checks a --forward-to / setting value: an absolute http(s) URL. Returns a reason when it is not one. */
export function forwardTargetProblem(target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `"${target}" is not an absolute URL (for example http://127.0.0.1:3000/webhook)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${target}" is not an http or https URL`;
  return undefined;
}

/**
 * Re-posts a callback to the user's own handler exactly as Sinch sent it: the raw body bytes and the headers that
 * carry meaning (content type and the Sinch signature headers), so the handler's own signature check passes.
 */
export function forwardCallback(target: string, rawBody: Buffer, headers: Readonly<Record<string, string>>, timeoutMs = defaultForwardTimeoutMs): Promise<ForwardResult> {
  const started = performance.now();
  const problem = forwardTargetProblem(target);
  if (problem) return Promise.resolve({ url: target, error: problem });
  const url = new URL(target);
  const sent: Record<string, string> = { 'content-length': String(rawBody.length) };
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-sinch-') || name === 'content-type' || name === 'user-agent') sent[name] = value;
  }
  sent['content-type'] ??= 'application/json';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ForwardResult, 'url' | 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ url: target, latencyMs: Math.round((performance.now() - started) * 10) / 10, ...result });
    };
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', headers: sent, timeout: timeoutMs, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < 65_536) chunks.push(chunk.subarray(0, 65_536 - size));
        size += chunk.length;
      });
      response.on('end', () => finish({ status: response.statusCode, body: Buffer.concat(chunks), contentType: response.headers['content-type'] }));
      response.on('error', (error) => finish({ status: response.statusCode, error: error.message }));
    });
    request.on('timeout', () => {
      request.destroy();
      finish({ error: `no answer within ${timeoutMs} ms` });
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code === 'ECONNREFUSED' ? `connection refused by ${url.host}` : error.message }));
    request.end(rawBody);
  });
}
