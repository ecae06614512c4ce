import { randomBytes } from 'node:crypto';
import { signedHeaders } from '../webhook/signature';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh nonce shaped like Sinch's (26 characters of Crockford base32, as a ULID). */
export function freshNonce(): string {
  return Array.from(randomBytes(26), (b) => crockford[b & 31]).join('');
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The headers of a callback POST: JSON, and the four signature headers when there is a secret. */
export function callbackHeaders(body: string, secret: string | undefined, nonce = freshNonce(), timestampSeconds = nowSeconds()): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...(secret ? signedHeaders(secret, body, nonce, timestampSeconds) : {}),
  };
}
