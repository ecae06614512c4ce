import { setMaxListeners } from 'node:events';
import type { MediaRef } from '../payload/anatomy';
import { linkedAbort } from './abortLink';
import { ConcurrencyLimit } from './concurrency';
import { MediaCache, type MediaCacheOptions } from './mediaCache';
import type { MediaFacts, MediaFailure } from './mediaFacts';
import { MediaProbe, type MediaProbeOptions, type MediaProber, type ProbeOutcome } from './mediaProbe';
import { type MediaFinding, judgeMedia } from './remoteMediaRules';

export interface MediaCheckerOptions extends MediaProbeOptions, MediaCacheOptions {
  /** URLs probed at the same time. Default 4. */
  concurrency?: number;
  /** Replaces the network probe (tests, or a caller with its own transport). */
  prober?: MediaProber;
}

export interface CheckMediaOptions {
  /** Stops waiting: unfinished URLs get no finding and probes that have not started never start. */
  signal?: AbortSignal;
  /** Called with 0 first, then after each URL; `total` counts only the URLs that are fetched. */
  onProgress?: (done: number, total: number) => void;
  /** Ignore freshness ("Re-check Media Now"); validators are still used, so an unchanged file costs a 304. */
  force?: boolean;
  /**
   * The time limit of the whole run: when it aborts, URLs without facts yet stop waiting and each gets a
   * `media.not-checked` finding, so a report never passes over what it did not check.
   */
  deadline?: AbortSignal;
}

import { type SkipReason, skipReason } from './skipReason';

export { type SkipReason, skipReason };

export type MediaInspection =
  | { ref: MediaRef; state: 'checked'; facts: MediaFacts; findings: MediaFinding[]; fromCache: boolean }
  | { ref: MediaRef; state: 'skipped'; reason: SkipReason; findings: [] }
  | { ref: MediaRef; state: 'cancelled'; findings: [] };

interface Job {
  promise: Promise<MediaFacts | undefined>;
  wantDimensions: boolean;
  waiters: number;
  started: boolean;
  /** Aborted when the checker closes, or when every waiter left before the probe started. */
  cancel: AbortController;
}


/**
 * Checks the files behind media URLs, politely: a few at a time, each URL once however many payloads or checks ask
 * for it at the same moment, and not again while the server's Cache-Control (or a default freshness) says the facts
 * hold. One instance lives as long as the extension or the CLI run; `close()` releases its connections.
 */
export class MediaChecker {
  readonly #prober: MediaProber;
  readonly #cache: MediaCache;
  readonly #limit: ConcurrencyLimit;
  readonly #jobs = new Map<string, Job>();
  readonly #lifetime = new AbortController();

  constructor(options: MediaCheckerOptions = {}) {
    this.#prober = options.prober ?? new MediaProbe(options);
    this.#cache = new MediaCache(options);
    this.#limit = new ConcurrencyLimit(options.concurrency ?? 4);
    // Every queued job and running request listens here until it ends: many listeners, none left behind.
    setMaxListeners(0, this.#lifetime.signal);
  }

  /** Findings for every URL that could be checked. Never rejects; every network failure is a finding. */
  async checkMedia(refs: readonly MediaRef[], options: CheckMediaOptions = {}): Promise<MediaFinding[]> {
    const inspections = await this.inspect(refs, options);
    return inspections.flatMap((i) => i.findings);
  }

  /** Like checkMedia, with the facts learnt per URL (for hovers, previews or logs) and what was skipped. */
  async inspect(refs: readonly MediaRef[], options: CheckMediaOptions = {}): Promise<MediaInspection[]> {
    const total = refs.filter((r) => skipReason(r.url) === undefined).length;
    let done = 0;
    const progress = () => {
      try {
        options.onProgress?.(done, total);
      } catch {
        // A progress display that fails must not fail the check.
      }
    };
    progress();
    const stop = abortedPromise(anySignal(options.signal, options.deadline));
    const stopped = stop?.promise;
    return Promise.all(
      refs.map(async (ref): Promise<MediaInspection> => {
        const reason = skipReason(ref.url);
        if (reason) return { ref, state: 'skipped', reason, findings: [] };
        const result = await this.#factsFor(ref, options, stopped);
        if (!result && options.deadline?.aborted && !options.signal?.aborted) {
          const facts = failedFacts(ref.url, ref.role === 'card-image', { kind: 'not-checked-in-time', detail: 'the time limit for all media checks of this run ran out before this URL was checked' });
          return { ref, state: 'checked', facts, findings: judgeMedia(ref, facts), fromCache: false };
        }
        if (!result || options.signal?.aborted) return { ref, state: 'cancelled', findings: [] };
        done++;
        progress();
        let findings: MediaFinding[];
        try {
          findings = judgeMedia(ref, result.facts);
        } catch (error) {
          findings = [{ pointer: ref.pointer, code: 'media.unreachable', severity: 'warning', message: `Internal error while judging the media file: ${(error as Error).message}` }];
        }
        return { ref, state: 'checked', facts: result.facts, findings, fromCache: result.fromCache };
      }),
    ).finally(() => stop?.dispose());
  }

  /** Forgets cached facts for one URL or all of them. */
  forget(url?: string): void {
    this.#cache.forget(url);
  }

  /** Aborts running probes and closes connections; the checker is unusable afterwards. */
  async close(): Promise<void> {
    this.#lifetime.abort();
    await this.#prober.close().catch(() => undefined);
  }

  async #factsFor(ref: MediaRef, options: CheckMediaOptions, stopped: Promise<undefined> | undefined): Promise<{ facts: MediaFacts; fromCache: boolean } | undefined> {
    const wantDimensions = ref.role === 'card-image';
    const cached = this.#cache.lookup(ref.url);
    const usable = cached && (!wantDimensions || cached.facts.dimensionsWanted) ? cached : undefined;
    if (usable?.state === 'fresh' && !options.force) return { facts: usable.facts, fromCache: true };

    let job = this.#jobs.get(ref.url);
    if (!job || job.cancel.signal.aborted || (wantDimensions && !job.wantDimensions)) {
      job = this.#startJob(ref.url, wantDimensions, usable?.facts);
    }
    const facts = await this.#wait(job, options.signal, stopped);
    return facts && facts.failure?.kind !== 'cancelled' ? { facts, fromCache: false } : undefined;
  }

  #startJob(url: string, wantDimensions: boolean, stale: MediaFacts | undefined): Job {
    const link = linkedAbort(this.#lifetime.signal);
    const cancel = link.controller;
    const job: Job = { wantDimensions, waiters: 0, started: false, cancel, promise: Promise.resolve(undefined) };
    const run = async (): Promise<MediaFacts | undefined> => {
      job.started = true;
      let outcome: ProbeOutcome;
      try {
        outcome = await this.#prober.probe(
          { url, wantDimensions, ...(stale && hasValidators(stale) ? { revalidate: { url: stale.finalUrl, ...stale.validators } } : {}) },
          // Started probes run to completion (they are short): the next keystroke's check will want the same URL.
          this.#lifetime.signal,
        );
      } catch (error) {
        // MediaProbe never rejects; an injected prober might.
        outcome = { notModified: false, facts: failedFacts(url, wantDimensions, { kind: 'network', detail: `internal error: ${(error as Error).message}` }) };
      }
      let facts: MediaFacts;
      if (outcome.notModified && stale) {
        facts = { ...stale, freshness: outcome.freshness, validators: { ...stale.validators, ...outcome.validators }, requests: outcome.requests, bodyBytesRead: 0 };
      } else if (outcome.notModified) {
        // Only a server that sends 304 to a request without validators gets here.
        facts = failedFacts(url, wantDimensions, { kind: 'http-status', detail: '304 Not Modified to an unconditional request', status: 304 });
      } else {
        facts = outcome.facts;
      }
      this.#cache.store(facts);
      return facts;
    };
    job.promise = this.#limit
      .run(run, cancel.signal)
      .catch(() => undefined)
      .finally(() => {
        link.dispose();
        if (this.#jobs.get(url) === job) this.#jobs.delete(url);
      });
    this.#jobs.set(url, job);
    return job;
  }

  async #wait(job: Job, signal: AbortSignal | undefined, stopped: Promise<undefined> | undefined): Promise<MediaFacts | undefined> {
    job.waiters++;
    try {
      if (signal?.aborted) return undefined;
      return await (stopped ? Promise.race([job.promise, stopped]) : job.promise);
    } finally {
      job.waiters--;
      // Nobody waits any more for a probe still queued: drop it rather than fetch a URL no one needs.
      if (job.waiters === 0 && !job.started) job.cancel.abort();
    }
  }
}

function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

/** Resolves when the signal aborts: one listener per check, however many URLs wait on it. */
function abortedPromise(signal: AbortSignal | undefined): { promise: Promise<undefined>; dispose(): void } | undefined {
  if (!signal) return undefined;
  let dispose = () => undefined as void;
  const promise = new Promise<undefined>((resolve) => {
    if (signal.aborted) return resolve(undefined);
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  return { promise, dispose };
}

function failedFacts(url: string, wantDimensions: boolean, failure: MediaFailure): MediaFacts {
  return { url, finalUrl: url, redirects: 0, dimensionsWanted: wantDimensions, bodyBytesRead: 0, requests: 0, validators: {}, freshness: { noStore: false, maxAgeMs: undefined }, failure };
}

function hasValidators(facts: MediaFacts): boolean {
  return !facts.failure && (facts.validators.etag !== undefined || facts.validators.lastModified !== undefined);
}
