import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { ConnectionOptions } from 'node:tls';
import { imageSize } from 'image-size';
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { type Dispatcher, type buildConnector, request } from 'undici';
import { createDispatcher } from '../http/dispatcher';
import { type Resolver, judgeAddress } from './addressPolicy';
import { linkedAbort } from './abortLink';
import { cachePolicyOf } from './mediaCache';
import type { CachePolicy, ImageDimensions, MediaFacts, MediaFailure, Validators } from './mediaFacts';
import { isGenericContentType, normalizeContentType } from './mediaKind';
import { classifyNetworkError } from './networkErrors';

/** TLS settings a caller may add; the minimum version is not among them: detecting old servers depends on it. */
export interface MediaTlsOptions {
  /** Extra trusted certificates; replaces the default store, as in node:tls (tests trust their own server). */
  ca?: ConnectionOptions['ca'];
}

export interface MediaProbeOptions {
  /** Limit for one URL: every request and redirect of its probe (connect, headers and the bytes read). Default 5000. */
  timeoutMs?: number;
  /** Redirects per URL, counted across its HEAD and GET. Default 5, as LINE's own fetcher is unlikely to follow more. */
  maxRedirects?: number;
  /** Fetch from private, loopback and link-local addresses too (local testing). Metadata services never. */
  allowPrivateAddresses?: boolean;
  /** Resolves host names before each request, to judge their addresses; injectable for tests. */
  resolve?: Resolver;
  /** Replaces undici's socket connector (tests that must prove no connection is attempted). */
  connector?: buildConnector.connector;
  tls?: MediaTlsOptions;
  userAgent?: string;
  /** How much of an image is read for its dimensions. Default 65536. */
  imageHeadBytes?: number;
  /** Proxy URL (VS Code's http.proxy); HTTPS_PROXY/NO_PROXY apply without it. */
  proxy?: string;
  /** Hosts that bypass the proxy (NO_PROXY syntax); defaults to NO_PROXY. */
  noProxy?: string;
}

export interface ProbeRequest {
  url: string;
  /** Read the first bytes of an image for width and height (card images); otherwise HEAD is enough. */
  wantDimensions: boolean;
  /** Validators of cached facts: a 304 for `url` (the final URL of the cached facts) means they still hold. */
  revalidate?: { url: string } & Validators;
}

export type ProbeOutcome =
  | { notModified: false; facts: MediaFacts }
  | { notModified: true; freshness: CachePolicy; validators: Validators; requests: number };

/** What the checker needs of a probe; tests may inject a fake. */
export interface MediaProber {
  probe(request: ProbeRequest, signal?: AbortSignal): Promise<ProbeOutcome>;
  close(): Promise<void>;
}

// Servers (and signed URLs made for GET only) that answer these to HEAD may still serve GET.
const headRefusedStatuses = new Set([400, 403, 405, 501]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

interface Tally {
  requests: number;
  bodyBytesRead: number;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

const defaultResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** No real file is a terabyte: a larger Content-Range or Content-Length total says the headers lie. */
export const maxPlausibleBytes = 2 ** 40;

type Fetched = { ok: true; url: string; redirects: number; answer: Answer } | { ok: false; url: string; redirects: number; failure: MediaFailure };

/**
 * Learns the facts behind one media URL with as few bytes as possible: HEAD, then a ranged GET only for image
 * dimensions or when HEAD is refused. Redirects are followed by hand so that an http: hop is seen, not taken.
 * Every failure becomes `facts.failure`; `probe` never rejects.
 */
export class MediaProbe implements MediaProber {
  readonly #agent: Dispatcher;
  readonly #timeoutMs: number;
  readonly #maxRedirects: number;
  readonly #userAgent: string;
  readonly #imageHeadBytes: number;
  readonly #allowPrivate: boolean;
  readonly #resolve: Resolver;

  constructor(options: MediaProbeOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxRedirects = options.maxRedirects ?? 5;
    this.#userAgent = options.userAgent ?? 'convapi-line-media-preflight';
    this.#imageHeadBytes = options.imageHeadBytes ?? 65536;
    this.#allowPrivate = options.allowPrivateAddresses ?? false;
    this.#resolve = options.resolve ?? defaultResolver;
    const tls: ConnectionOptions = { minVersion: 'TLSv1.2' };
    if (options.tls?.ca !== undefined) tls.ca = options.tls.ca;
    // A dedicated dispatcher: its TLS floor and trust must not leak into (or come from) the rest of the process.
    this.#agent = createDispatcher({ tls, timeoutMs: this.#timeoutMs, proxy: options.proxy, noProxy: options.noProxy, connector: options.connector });
  }

  /**
   * One deadline covers every request and redirect of the URL: a chain of slow hops cannot take longer than the
   * timeout in all.
   */
  async probe(req: ProbeRequest, signal?: AbortSignal): Promise<ProbeOutcome> {
    const tally: Tally = { requests: 0, bodyBytesRead: 0 };
    const deadline = linkedAbort(signal);
    const clock: Clock = { timedOut: false };
    const timer = setTimeout(() => {
      clock.timedOut = true;
      deadline.controller.abort(new Error(`timed out after ${this.#timeoutMs} ms`));
    }, this.#timeoutMs);
    try {
      return await this.#probe(req, tally, deadline.controller.signal, clock);
    } catch (error) {
      return { notModified: false, facts: this.#facts(req, tally, { url: req.url, redirects: 0 }, undefined, { failure: { kind: 'network', detail: `internal error: ${(error as Error).message}` } }) };
    } finally {
      clearTimeout(timer);
      deadline.dispose();
    }
  }

  /** The address a host name connects to, or why it must not be fetched. */
  async #screenName(hostname: string): Promise<{ address: string; family: number } | { failure: MediaFailure }> {
    const literal = hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(literal) ? [{ address: literal, family: isIP(literal) }] : await this.#resolve(hostname);
    if (addresses.length === 0) return { failure: { kind: 'network', detail: `host not found (${hostname})`, code: 'ENOTFOUND' } };
    for (const a of addresses) {
      const verdict = judgeAddress(a.address, this.#allowPrivate);
      if (!verdict.allowed) {
        const shown = isIP(literal) ? hostname : `${hostname} resolves to ${a.address}`;
        return { failure: { kind: verdict.kind, detail: verdict.kind === 'metadata-address' ? `${shown}, a cloud metadata service` : `${shown}, a private, loopback or link-local address` } };
      }
    }
    return addresses[0]!;
  }

  async close(): Promise<void> {
    await this.#agent.destroy();
  }

  async #probe(req: ProbeRequest, tally: Tally, signal: AbortSignal, clock: Clock): Promise<ProbeOutcome> {
    const head = await this.#follow('HEAD', req.url, req, () => 0, tally, signal, clock, 0);
    if (!head.ok) return { notModified: false, facts: this.#facts(req, tally, head, undefined, { failure: head.failure }) };
    if (head.answer.status === 304) return notModified(head.answer, tally);

    const headRefused = headRefusedStatuses.has(head.answer.status);
    if (!headRefused && !isSuccess(head.answer.status)) {
      return { notModified: false, facts: this.#facts(req, tally, head, head.answer, { failure: statusFailure(head.answer.status) }) };
    }
    const headType = headRefused ? undefined : normalizeContentType(head.answer.headers['content-type']);
    const mayBeImage = (type: string | undefined) => type === undefined || isGenericContentType(type) || type.startsWith('image/');
    if (!headRefused && !(req.wantDimensions && mayBeImage(headType))) {
      return { notModified: false, facts: this.#facts(req, tally, head, head.answer, {}) };
    }

    const wantBytes = req.wantDimensions ? this.#imageHeadBytes : 0;
    // Without dimensions to read, one byte is asked for and the body is dropped unread: a 200 MB video never flows.
    const range = `bytes=0-${Math.max(wantBytes, 1) - 1}`;
    const budget = (status: number, headers: IncomingHttpHeaders) => (isSuccess(status) && mayBeImage(normalizeContentType(headers['content-type'])) ? wantBytes : 0);
    // The GET continues the HEAD's count: redirects are counted per URL, not per request.
    const get = await this.#follow('GET', head.url, req, budget, tally, signal, clock, head.redirects, { range });
    const hops = { url: get.url, redirects: get.redirects };
    if (!get.ok) return { notModified: false, facts: this.#facts(req, tally, hops, undefined, { failure: get.failure }) };
    if (get.answer.status === 304) return notModified(get.answer, tally);
    if (!isSuccess(get.answer.status)) {
      return { notModified: false, facts: this.#facts(req, tally, hops, get.answer, { failure: statusFailure(get.answer.status) }) };
    }
    const image = get.answer.body.length > 0 ? dimensionsOf(get.answer.body) : undefined;
    const facts = this.#facts(req, tally, hops, get.answer, image ? { image } : {});
    if (!headRefused) {
      // HEAD told the full story about type and size; the GET only added dimensions.
      const headFacts = this.#facts(req, tally, head, head.answer, {});
      if (headFacts.contentType !== undefined) facts.contentType = headFacts.contentType;
      if (headFacts.size !== undefined) facts.size = headFacts.size;
    }
    return { notModified: false, facts };
  }

  /** One request per hop, following up to maxRedirects https: redirects and stopping at an http: one. */
  async #follow(
    method: 'HEAD' | 'GET',
    startUrl: string,
    req: ProbeRequest,
    budget: (status: number, headers: IncomingHttpHeaders) => number,
    tally: Tally,
    signal: AbortSignal,
    clock: Clock,
    startRedirects: number,
    extraHeaders: Record<string, string> = {},
  ): Promise<Fetched> {
    let url = startUrl;
    let redirects = startRedirects;
    for (;;) {
      const refused = await this.#screenUrl(url, signal);
      if (refused) return { ok: false, url, redirects, failure: refused };
      const headers: Record<string, string> = { 'user-agent': this.#userAgent, accept: '*/*', 'accept-encoding': 'identity', ...extraHeaders };
      if (req.revalidate && req.revalidate.url === url) {
        if (req.revalidate.etag !== undefined) headers['if-none-match'] = req.revalidate.etag;
        if (req.revalidate.lastModified !== undefined) headers['if-modified-since'] = req.revalidate.lastModified;
      }
      const once = await this.#once(method, url, headers, budget, tally, signal, clock);
      if ('failure' in once) return { ok: false, url, redirects, failure: once.failure };
      const location = headerValue(once.headers, 'location');
      if (!redirectStatuses.has(once.status) || location === undefined) return { ok: true, url, redirects, answer: once };
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return { ok: false, url, redirects, failure: { kind: 'network', detail: `${once.status} redirect to an invalid Location "${location}"`, status: once.status } };
      }
      if (next.protocol === 'http:') {
        return { ok: false, url, redirects: redirects + 1, failure: { kind: 'redirect-to-http', detail: `${once.status} redirect to ${next.href}`, status: once.status, location: next.href } };
      }
      if (next.protocol !== 'https:') {
        return { ok: false, url, redirects: redirects + 1, failure: { kind: 'network', detail: `${once.status} redirect to an unsupported ${next.protocol} URL`, status: once.status, location: next.href } };
      }
      redirects++;
      if (redirects > this.#maxRedirects) {
        return { ok: false, url, redirects, failure: { kind: 'too-many-redirects', detail: `more than ${this.#maxRedirects} redirects`, status: once.status } };
      }
      url = next.href;
    }
  }

  async #once(
    method: 'HEAD' | 'GET',
    url: string,
    headers: Record<string, string>,
    budget: (status: number, headers: IncomingHttpHeaders) => number,
    tally: Tally,
    signal: AbortSignal,
    clock: Clock,
  ): Promise<Answer | { failure: MediaFailure }> {
    tally.requests++;
    try {
      const response = await request(url, { method, headers, dispatcher: this.#agent, signal });
      const redirect = redirectStatuses.has(response.statusCode);
      const limit = redirect ? 0 : budget(response.statusCode, response.headers);
      const body = await readAtMost(response.body, limit, method === 'HEAD' || redirect);
      tally.bodyBytesRead += body.received;
      return { status: response.statusCode, headers: response.headers, body: body.bytes };
    } catch (error) {
      // Closing aborts, then destroys the agent: a request still waiting for its connection fails with "destroyed"
      // rather than with the abort that came just before it. Either way it was cancelled, not unreachable.
      if (signal.aborted && !clock.timedOut) return { failure: { kind: 'cancelled', detail: 'cancelled' } };
      return { failure: classifyNetworkError(error, { timedOut: clock.timedOut, timeoutMs: this.#timeoutMs }) };
    }
  }

  /**
   * Refuses a hop whose host is an address LINE cannot reach (or a metadata service) before any request to it. A
   * name that does not resolve here is left to the request: behind a proxy, only the proxy may know it.
   */
  async #screenUrl(url: string, signal: AbortSignal): Promise<MediaFailure | undefined> {
    let hostname: string;
    try {
      hostname = new URL(url).hostname;
    } catch {
      return undefined;
    }
    try {
      const outcome = await Promise.race([this.#screenName(hostname), aborted(signal)]);
      return outcome && 'failure' in outcome && outcome.failure.kind !== 'network' ? outcome.failure : undefined;
    } catch {
      return undefined;
    }
  }

  #facts(req: ProbeRequest, tally: Tally, hops: { url: string; redirects: number }, answer: Answer | undefined, extra: Partial<MediaFacts>): MediaFacts {
    const facts: MediaFacts = {
      url: req.url,
      finalUrl: hops.url,
      redirects: hops.redirects,
      dimensionsWanted: req.wantDimensions,
      bodyBytesRead: tally.bodyBytesRead,
      requests: tally.requests,
      validators: {},
      freshness: { noStore: false, maxAgeMs: undefined },
    };
    if (answer) {
      facts.status = answer.status;
      const contentType = normalizeContentType(answer.headers['content-type']);
      if (contentType !== undefined) facts.contentType = contentType;
      const { size, implausible } = sizeOf(answer);
      if (size !== undefined) facts.size = size;
      if (implausible !== undefined) facts.implausibleSize = implausible;
      facts.validators = validatorsOf(answer.headers);
      facts.freshness = cachePolicyOf(headerValue(answer.headers, 'cache-control'), headerValue(answer.headers, 'age'));
    }
    return { ...facts, ...extra };
  }
}

interface Clock {
  timedOut: boolean;
}

function aborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

type BodyStream = AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown; on(event: 'error', listener: (error: Error) => void): unknown };

const drainLimit = 8192;

/**
 * Reads up to `limit` bytes, then drops the rest of the body so the server stops sending. A body that carries no
 * facts (HEAD, redirect) is drained when small, so the connection can be reused.
 */
async function readAtMost(body: BodyStream, limit: number, drain: boolean): Promise<{ bytes: Uint8Array; received: number }> {
  // Dropping an unfinished body makes undici emit "Request aborted": expected here, not a failure.
  body.on('error', () => undefined);
  const cap = limit > 0 ? limit : drain ? drainLimit : 0;
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (cap > 0) {
    for await (const chunk of body) {
      received += chunk.length;
      if (limit > 0) chunks.push(chunk);
      if (received >= cap) break;
    }
  }
  body.destroy();
  return { bytes: limit > 0 ? Buffer.concat(chunks).subarray(0, limit) : new Uint8Array(0), received };
}

function notModified(answer: Answer, tally: Tally): ProbeOutcome {
  return {
    notModified: true,
    freshness: cachePolicyOf(headerValue(answer.headers, 'cache-control'), headerValue(answer.headers, 'age')),
    validators: validatorsOf(answer.headers),
    requests: tally.requests,
  };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function statusFailure(status: number): MediaFailure {
  const text = STATUS_CODES[status];
  return { kind: 'http-status', detail: text ? `${status} ${text}` : `status ${status}`, status };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function validatorsOf(headers: IncomingHttpHeaders): Validators {
  const validators: Validators = {};
  const etag = headerValue(headers, 'etag');
  const lastModified = headerValue(headers, 'last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}

/** The whole file's size: the total of a Content-Range, else the Content-Length of a full answer. */
function sizeOf(answer: Answer): { size?: number; implausible?: string } {
  const range = headerValue(answer.headers, 'content-range');
  let claim: string | undefined;
  let header = '';
  if (range !== undefined) {
    claim = /^bytes\s+(?:\d+-\d+|\*)\/(\d+)\s*$/i.exec(range)?.[1];
    header = `Content-Range: ${range}`;
  } else if (answer.status !== 206) {
    const length = headerValue(answer.headers, 'content-length');
    claim = length !== undefined && /^\d+$/.test(length.trim()) ? length.trim() : undefined;
    header = `Content-Length: ${length}`;
  }
  if (claim === undefined) return {};
  const size = Number(claim);
  // Beyond any real file (and beyond exact numbers): a claim about the server, not a size to compare with limits.
  if (!Number.isSafeInteger(size) || size > maxPlausibleBytes) return { implausible: header.slice(0, 120) };
  return { size };
}

function dimensionsOf(bytes: Uint8Array): ImageDimensions | undefined {
  try {
    const size = imageSize(bytes);
    if (!(size.width > 0 && size.height > 0)) return undefined;
    return size.type === undefined ? { width: size.width, height: size.height } : { width: size.width, height: size.height, type: size.type };
  } catch {
    // Not an image, or its dimensions lie beyond the bytes read: rules say "unknown", not "wrong".
    return undefined;
  }
}
