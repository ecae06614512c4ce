import { timingSafeEqual } from 'node:crypto';
import { signatureAlgorithm, signatureBytes, signatureHeaders } from './signature';

/** Sinch advises refusing a callback whose timestamp is far from now; five minutes either way. */
export const timestampToleranceSeconds = 300;

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * The nonces of accepted callbacks, remembered for as long as their timestamp would still be accepted (a nonce older
 * than that cannot come back: its timestamp is refused first). Bounded: at capacity the oldest nonce is forgotten.
 */
export class NonceMemory {
  readonly #seen = new Map<string, number>();
  /** Arrival order, for eviction from the oldest end; a head index instead of shift() keeps each step O(1). */
  #order: string[] = [];
  #head = 0;

  constructor(readonly capacity = 20_000) {}

  has(nonce: string, nowSeconds: number): boolean {
    const expires = this.#seen.get(nonce);
    return expires !== undefined && expires >= nowSeconds;
  }

  remember(nonce: string, nowSeconds: number): void {
    if (!this.#seen.has(nonce)) this.#order.push(nonce);
    this.#seen.set(nonce, nowSeconds + 2 * timestampToleranceSeconds);
    while (this.#head < this.#order.length) {
      const oldest = this.#order[this.#head]!;
      const expires = this.#seen.get(oldest);
      if (expires !== undefined && this.#seen.size <= this.capacity && expires >= nowSeconds) break;
      this.#seen.delete(oldest);
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }

  get size(): number {
    return this.#seen.size;
  }
}

const thousands = new Intl.NumberFormat('en-US');

/**
 * Checks a callback's Sinch signature: HMAC-SHA256 over the raw body bytes, nonce and timestamp, compared in
 * constant time; then the timestamp's age; then the nonce (remembered only when everything else passed, so a
 * forged request cannot use up a real nonce). Reasons are written for a person debugging their webhook set-up.
 */
export function verifySignature(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  rawBody: Buffer,
  nonces: NonceMemory,
  nowSeconds = Math.floor(Date.now() / 1000),
): Verdict {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const signature = header(signatureHeaders.signature);
  const nonce = header(signatureHeaders.nonce);
  const timestamp = header(signatureHeaders.timestamp);
  const algorithm = header(signatureHeaders.algorithm);
  if (signature === undefined && nonce === undefined && timestamp === undefined) return { ok: false, reason: 'no signature headers' };
  for (const [name, value] of [[signatureHeaders.signature, signature], [signatureHeaders.nonce, nonce], [signatureHeaders.timestamp, timestamp]] as const) {
    if (value === undefined || value === '') return { ok: false, reason: `no ${name} header` };
  }
  if (algorithm !== undefined && algorithm !== signatureAlgorithm) return { ok: false, reason: `algorithm "${algorithm.slice(0, 40)}" is not ${signatureAlgorithm}` };
  const expected = signatureBytes(secret, rawBody, nonce!, timestamp!);
  const given = Buffer.from(signature!, 'base64');
  // Buffer.from drops what is not base64; re-encoding must give the header back, so "AAAA!" cannot pass as "AAAA".
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64') !== signature) return { ok: false, reason: 'signature does not match the secret' };
  if (!/^\d{1,12}$/.test(timestamp!)) return { ok: false, reason: `timestamp "${timestamp!.slice(0, 40)}" is not a number of seconds` };
  const age = nowSeconds - Number(timestamp);
  if (age > timestampToleranceSeconds) return { ok: false, reason: `timestamp ${thousands.format(age)} s old` };
  if (-age > timestampToleranceSeconds) return { ok: false, reason: `timestamp ${thousands.format(-age)} s in the future` };
  if (nonces.has(nonce!, nowSeconds)) return { ok: false, reason: 'nonce used before' };
  nonces.remember(nonce!, nowSeconds);
  return { ok: true };
}
