import type { Dispatcher } from 'undici';
import { httpRequest } from '../http/request';
import { describeApiError } from './apiErrors';

export interface Credentials {
  authUrl: string;
  keyId: string;
  keySecret: string;
}

interface Cached {
  keySecret: string;
  token: string;
  expiresAt: number;
}

/** Tokens are used until this long before they expire, so one never runs out mid-request. */
const expiryMarginMs = 60_000;

/**
 * OAuth2 client-credentials tokens, one per access key: fetched once, reused until shortly before expiry,
 * dropped when the API answers 401. Concurrent callers share one token request.
 */
export class TokenCache {
  readonly #tokens = new Map<string, Cached>();
  readonly #pending = new Map<string, Promise<string>>();
  readonly #recent: string[] = [];

  constructor(
    readonly dispatcher: Dispatcher,
    readonly options: { timeoutMs?: number; now?: () => number } = {},
  ) {}

  async token(credentials: Credentials, signal?: AbortSignal): Promise<string> {
    const key = `${credentials.authUrl} ${credentials.keyId}`;
    const now = this.options.now?.() ?? Date.now();
    const cached = this.#tokens.get(key);
    if (cached && cached.keySecret === credentials.keySecret && cached.expiresAt - expiryMarginMs > now) return cached.token;
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const request = this.#fetch(key, credentials, signal).finally(() => this.#pending.delete(key));
    this.#pending.set(key, request);
    return request;
  }

  /** Forgets a token the API refused, so the next call fetches a new one. */
  invalidate(credentials: Pick<Credentials, 'authUrl' | 'keyId'>, token: string): void {
    const key = `${credentials.authUrl} ${credentials.keyId}`;
    if (this.#tokens.get(key)?.token === token) this.#tokens.delete(key);
  }

  /** Tokens handed out lately (also refused ones), for redacting text that may quote one. */
  recentTokens(): readonly string[] {
    return this.#recent;
  }

  clear(): void {
    this.#tokens.clear();
  }

  async #fetch(key: string, credentials: Credentials, signal?: AbortSignal): Promise<string> {
    const basic = Buffer.from(`${encodeURIComponent(credentials.keyId)}:${encodeURIComponent(credentials.keySecret)}`).toString('base64');
    const response = await httpRequest(this.dispatcher, {
      method: 'POST',
      url: credentials.authUrl,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'grant_type=client_credentials',
      timeoutMs: this.options.timeoutMs,
      signal,
    });
    if (response.status !== 200) {
      throw describeApiError(response.status, response.text, { action: 'get an access token', auth: true, retryAfter: header(response.headers['retry-after']) });
    }
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(response.text);
    } catch {
      throw new Error(`The token endpoint ${new URL(credentials.authUrl).host} answered 200 without JSON.`);
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw new Error(`The token endpoint ${new URL(credentials.authUrl).host} answered without an access_token.`);
    const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 3600;
    const now = this.options.now?.() ?? Date.now();
    this.#tokens.set(key, { keySecret: credentials.keySecret, token: parsed.access_token, expiresAt: now + lifetime * 1000 });
    this.#recent.push(parsed.access_token);
    if (this.#recent.length > 20) this.#recent.shift();
    return parsed.access_token;
  }
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
