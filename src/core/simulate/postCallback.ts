import { type Dispatcher, request } from 'undici';

/** What a handler answered to one callback. */
export interface PostOutcome {
  /** The HTTP status, absent when there was no answer (timeout, refused connection…). */
  status?: number;
  /** Time to the response headers, or to the failure. */
  latencyMs: number;
  /** The response body, decoded as UTF-8, at most `maxBodyBytes` of it. */
  body: string;
  /** Why there is no status. */
  error?: string;
  timedOut: boolean;
}

export interface PostOptions {
  /** No answer within this time is a failure (and the request is abandoned). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Connections are pooled per run: pass the run's dispatcher (see dispatcherFor), closed by the caller. */
  dispatcher?: Dispatcher;
  maxBodyBytes?: number;
}

/** POSTs one callback body with these headers and measures the answer; never throws for a network failure. */
export async function postCallback(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await request(url, { method: 'POST', body, headers, signal, dispatcher: options.dispatcher });
    const latencyMs = elapsed();
    const text = await readBounded(response.body, options.maxBodyBytes ?? 64 * 1024);
    return { status: response.statusCode, latencyMs, body: text, timedOut: false };
  } catch (error) {
    const latencyMs = elapsed();
    if (timeout.aborted) return { latencyMs, body: '', error: `no answer within ${options.timeoutMs} ms`, timedOut: true };
    if (options.signal?.aborted) return { latencyMs, body: '', error: 'cancelled', timedOut: false };
    return { latencyMs, body: '', error: describeNetworkError(error), timedOut: false };
  }
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        body.destroy();
        break;
      }
    }
  } catch {
    // A body cut off after the status arrived still leaves a status to report.
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function describeNetworkError(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused: is the handler running?';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return 'the handler closed the connection without an answer';
  return e.cause?.message ?? e.message ?? String(error);
}
