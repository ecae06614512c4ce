import { type Dispatcher, request } from 'undici';
import { classifyNetworkError, formatSeconds } from '../media/networkErrors';
import { assertAllowedUrl } from './urlPolicy';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export type NetworkFailureKind = 'timeout' | 'connection' | 'cancelled' | 'refused';

/**
 * A request that got no HTTP answer. `timeout` (no answer in time: the request may have arrived and been acted
 * on) is told apart from `connection` (could not reach the server: nothing was delivered).
 */
export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkFailureKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

// Failures before a byte was sent: the request certainly did not arrive.
const unreachedCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const maxResponseBytes = 4 * 1024 * 1024;

/** One HTTP exchange. Plain http is refused except to loopback; no retry of any kind happens here. */
export async function httpRequest(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  assertAllowedUrl(req.url);
  const timeoutMs = req.timeoutMs ?? 30_000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const host = new URL(req.url).host;
  try {
    if (req.signal?.aborted) throw new NetworkError('cancelled', 'Cancelled before the request was made.');
    const response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxResponseBytes) {
        response.body.destroy();
        break;
      }
      chunks.push(chunk as Buffer);
    }
    return { status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    const failure = classifyNetworkError(error, { timedOut, timeoutMs });
    if (failure.kind === 'timeout') {
      throw new NetworkError('timeout', `No answer from ${host} within ${formatSeconds(timeoutMs)}. The request may still have been received: check before sending again.`, failure.code);
    }
    if (failure.kind === 'cancelled') throw new NetworkError('cancelled', 'Cancelled.', failure.code);
    const before = failure.code !== undefined && unreachedCodes.has(failure.code);
    const outcome = before ? 'Nothing was delivered.' : 'The request may or may not have arrived: check before sending again.';
    throw new NetworkError('connection', `Could not connect to ${host}: ${failure.detail}. ${outcome}`, failure.code);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}
