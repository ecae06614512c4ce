import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers Sinch puts on every signed callback (lower-case, as node:http gives them). */
export const signatureHeaders = {
  signature: 'x-sinch-webhook-signature',
  nonce: 'x-sinch-webhook-signature-nonce',
  timestamp: 'x-sinch-webhook-signature-timestamp',
  algorithm: 'x-sinch-webhook-signature-algorithm',
} as const;

export const signatureAlgorithm = 'HmacSHA256';

/** base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp)), over the raw body bytes. */
export function computeSignature(secret: string, rawBody: Buffer | string, nonce: string, timestamp: string): string {
  return signatureBytes(secret, rawBody, nonce, timestamp).toString('base64');
}

/** The raw HMAC bytes (the listener compares bytes, not base64 text). */
export function signatureBytes(secret: string, rawBody: Buffer | string, nonce: string, timestamp: string): Buffer {
  return createHmac('sha256', secret)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .update(`.${nonce}.${timestamp}`)
    .digest();
}

/** The four headers of a callback signed now, as Sinch sends them. */
export function signedHeaders(secret: string, rawBody: Buffer | string, nonce: string, timestampSeconds: number): Record<string, string> {
  const timestamp = String(timestampSeconds);
  return {
    [signatureHeaders.signature]: computeSignature(secret, rawBody, nonce, timestamp),
    [signatureHeaders.nonce]: nonce,
    [signatureHeaders.timestamp]: timestamp,
    [signatureHeaders.algorithm]: signatureAlgorithm,
  };
}

/** Compares two base64 signatures in constant time (for equal lengths; a length mismatch is no match). */
export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
