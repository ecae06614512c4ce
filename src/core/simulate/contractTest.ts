import { type PostOutcome, postCallback } from './postCallback';
import { callbackHeaders, freshNonce, nowSeconds } from './signCallback';
import { dispatcherFor } from './targetUrl';

/**
 * How long a handler may take. The Conversation API documents no callback timeout; Sinch's Voice API enforces 5 s
 * and its SMS API retries after 5 s, so 5 s is an assumption, said wherever the budget is shown.
 */
export const defaultBudgetMs = 5000;
export const budgetAssumption = 'the Conversation API documents no callback timeout; 5 s is an assumption taken from Sinch\'s Voice and SMS APIs';

/** How old a timestamp the stale check sends: an hour, far beyond any replay window a handler should allow. */
export const staleAgeSeconds = 3600;

export type CheckName = 'callback' | 'forged' | 'stale' | 'replayed' | 'unsigned' | 'malformed';

/** One line of the report. */
export interface CheckRow {
  check: CheckName;
  /** The kind of callback sent (a sample's kind or a file's name). */
  kind: string;
  status?: number;
  latencyMs: number;
  verdict: 'pass' | 'fail';
  why: string;
}

export interface CallbackToSend {
  kind: string;
  /** The exact bytes to send, signed over as they are. */
  body: string;
}

export interface ContractTestOptions {
  url: string;
  /** With a secret every callback is signed and the refusal checks run; without, callbacks go unsigned. */
  secret?: string;
  callbacks: readonly CallbackToSend[];
  budgetMs?: number;
  signal?: AbortSignal;
  /** Called as each row is decided, for progress. */
  onRow?: (row: CheckRow) => void;
  /** A proxy for a handler that is not on this machine (HTTPS_PROXY / NO_PROXY apply without it). */
  proxy?: { proxy?: string; noProxy?: string };
}

/** A body cut off in the middle, as a broken proxy or a truncated retry would deliver it. */
export const malformedBody = '{"app_id": "01MALFORMED", "message": {"id": ';

/**
 * Sends each callback as Sinch would, one after the other (a handler is judged on its own, not under load), then,
 * with a secret, the requests a verifying handler must refuse. A handler passes a check by answering as Sinch
 * expects: 2xx within the budget for a genuine callback, 4xx for a forged, stale, replayed or unsigned one, and
 * anything but 5xx for a malformed body.
 */
export async function runContractTest(options: ContractTestOptions): Promise<CheckRow[]> {
  const budgetMs = options.budgetMs ?? defaultBudgetMs;
  const { url, secret } = options;
  const dispatcher = dispatcherFor(new URL(url), options.proxy);
  const rows: CheckRow[] = [];
  const add = (row: CheckRow) => {
    rows.push(row);
    options.onRow?.(row);
  };
  const post = (body: string, headers: Record<string, string>) => postCallback(url, body, headers, { timeoutMs: budgetMs, signal: options.signal, dispatcher });
  try {
    for (const callback of options.callbacks) {
      if (options.signal?.aborted) break;
      const outcome = await post(callback.body, callbackHeaders(callback.body, secret));
      add(judgeAccepted('callback', callback.kind, outcome, budgetMs));
    }
    const probe = options.callbacks[0];
    if (probe && !options.signal?.aborted) {
      if (secret) {
        const forged = await post(probe.body, callbackHeaders(probe.body, `${secret}-forged-${freshNonce()}`));
        add(judgeRefused('forged', probe.kind, forged, 'a signature made with another secret'));
        const stale = await post(probe.body, callbackHeaders(probe.body, secret, freshNonce(), nowSeconds() - staleAgeSeconds));
        add(judgeRefused('stale', probe.kind, stale, `a correct signature with a timestamp ${staleAgeSeconds} s old`));
        add(await replay(probe, secret, post, budgetMs));
        const unsigned = await post(probe.body, callbackHeaders(probe.body, undefined));
        add(judgeRefused('unsigned', probe.kind, unsigned, 'a callback without signature headers'));
      }
      const malformed = await post(malformedBody, callbackHeaders(malformedBody, secret));
      add(judgeMalformed(malformed));
    }
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
  return rows;
}

type Post = (body: string, headers: Record<string, string>) => Promise<PostOutcome>;

/** The exact same request twice: the first is genuine and must be taken, the second reuses its nonce. */
async function replay(probe: CallbackToSend, secret: string, post: Post, budgetMs: number): Promise<CheckRow> {
  const headers = callbackHeaders(probe.body, secret);
  const first = await post(probe.body, headers);
  const firstRow = judgeAccepted('replayed', probe.kind, first, budgetMs);
  if (firstRow.verdict === 'fail') return { ...firstRow, why: `the original request was not taken (${firstRow.why}), so the replay proves nothing` };
  const second = await post(probe.body, headers);
  return judgeRefused('replayed', probe.kind, second, 'the same request (same nonce and signature) a second time');
}

/** "answered 503", or why there was no answer, to follow "was" or stand alone. */
const answered = (o: PostOutcome) => (o.status === undefined ? `not answered (${o.error ?? 'no answer'})` : `answered ${o.status}`);

function judgeAccepted(check: CheckName, kind: string, o: PostOutcome, budgetMs: number): CheckRow {
  const base = { check, kind, status: o.status, latencyMs: o.latencyMs };
  if (o.status === undefined) return { ...base, verdict: 'fail', why: o.timedOut ? `no answer within the ${budgetMs} ms budget` : o.error ?? 'no answer' };
  if (o.status >= 200 && o.status < 300) return { ...base, verdict: 'pass', why: `answered ${o.status} in ${o.latencyMs} ms` };
  const retried = o.status >= 500 || o.status === 429 ? ' (Sinch retries it)' : '';
  return { ...base, verdict: 'fail', why: `a genuine callback was answered ${o.status}${retried}; expected 2xx` };
}

function judgeRefused(check: CheckName, kind: string, o: PostOutcome, what: string): CheckRow {
  const base = { check, kind, status: o.status, latencyMs: o.latencyMs };
  if (o.status !== undefined && o.status >= 400 && o.status < 500) return { ...base, verdict: 'pass', why: `${what} was refused with ${o.status}` };
  if (o.status !== undefined && o.status < 400) return { ...base, verdict: 'fail', why: `${what} was accepted (${o.status}): the handler must verify the signature and refuse it with 4xx` };
  return { ...base, verdict: 'fail', why: `${what} was ${answered(o)}; expected a 4xx refusal` };
}

function judgeMalformed(o: PostOutcome): CheckRow {
  const base = { check: 'malformed' as const, kind: '(truncated JSON)', status: o.status, latencyMs: o.latencyMs };
  if (o.status !== undefined && o.status < 500) return { ...base, verdict: 'pass', why: `a body that is not JSON was answered ${o.status}, not 5xx` };
  if (o.status !== undefined) return { ...base, verdict: 'fail', why: `a body that is not JSON was answered ${o.status}: a malformed request must not be a server error (Sinch would retry it)` };
  return { ...base, verdict: 'fail', why: `a body that is not JSON was ${answered(o)}` };
}
