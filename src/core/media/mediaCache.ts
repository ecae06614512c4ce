import type { CachePolicy, MediaFacts } from './mediaFacts';

export interface MediaCacheOptions {
  now?: () => number;
  /** How long facts stay fresh when the server gave no max-age (heuristic freshness). */
  defaultTtlMs?: number;
  /** How long a failure (404, timeout…) is remembered, so that typing does not hammer a broken URL. */
  failureTtlMs?: number;
  maxEntries?: number;
}

export type CacheLookup = { state: 'fresh'; facts: MediaFacts } | { state: 'stale'; facts: MediaFacts };

interface Entry {
  facts: MediaFacts;
  expiresAt: number;
}

/** Reads the parts of Cache-Control (and Age) that decide how long the facts about a file stay true. */
export function cachePolicyOf(cacheControl: string | undefined, age?: string): CachePolicy {
  const directives = new Map<string, string | undefined>();
  for (const part of (cacheControl ?? '').split(',')) {
    const [rawName, ...rest] = part.split('=');
    const name = rawName?.trim().toLowerCase();
    if (name) directives.set(name, rest.length > 0 ? rest.join('=').trim().replace(/^"|"$/g, '') : undefined);
  }
  const noStore = directives.has('no-store');
  if (directives.has('no-cache')) return { noStore, maxAgeMs: 0 };
  const maxAge = directives.get('max-age');
  if (maxAge === undefined || !/^\d+$/.test(maxAge)) return { noStore, maxAgeMs: undefined };
  const ageSeconds = age !== undefined && /^\d+$/.test(age.trim()) ? Number(age.trim()) : 0;
  return { noStore, maxAgeMs: Math.max(0, Number(maxAge) - ageSeconds) * 1000 };
}

/** Facts per URL, bounded and least-recently-used first out. Honors no-store; stale entries keep their validators. */
export class MediaCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #defaultTtlMs: number;
  readonly #failureTtlMs: number;
  readonly #maxEntries: number;

  constructor(options: MediaCacheOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#defaultTtlMs = options.defaultTtlMs ?? 5 * 60_000;
    this.#failureTtlMs = options.failureTtlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 500;
  }

  lookup(url: string): CacheLookup | undefined {
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    return { state: this.#now() < entry.expiresAt ? 'fresh' : 'stale', facts: entry.facts };
  }

  store(facts: MediaFacts): void {
    this.#entries.delete(facts.url);
    if (facts.freshness.noStore || facts.failure?.kind === 'cancelled') return;
    const ttl = facts.failure ? Math.min(this.#failureTtlMs, facts.freshness.maxAgeMs ?? Infinity) : (facts.freshness.maxAgeMs ?? this.#defaultTtlMs);
    // A stale entry is only worth keeping when it can be revalidated cheaply.
    const revalidatable = !facts.failure && (facts.validators.etag !== undefined || facts.validators.lastModified !== undefined);
    if (ttl <= 0 && !revalidatable) return;
    this.#entries.set(facts.url, { facts, expiresAt: this.#now() + ttl });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Forgets one URL, or everything ("Re-check Media Now"). */
  forget(url?: string): void {
    if (url === undefined) this.#entries.clear();
    else this.#entries.delete(url);
  }

  get size(): number {
    return this.#entries.size;
  }
}
