import type { MediaFailure } from './mediaFacts';

// OpenSSL reports a peer that cannot do TLS 1.2+ in several ways depending on which side gives up first.
const tlsVersionCodes = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
]);
const tlsVersionMessage = /unsupported protocol|alert protocol version|no protocols available|version too low/i;

const certificateCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

const networkWords: Record<string, string> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port (plain HTTP?)',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'TLS handshake failed',
};

/**
 * Turns whatever undici, node:tls or OpenSSL threw into a failure a rule can judge. The interesting code is often
 * on a `cause` (undici wraps socket errors), so the whole chain is searched.
 */
export function classifyNetworkError(error: unknown, how: { timedOut: boolean; timeoutMs: number }): MediaFailure {
  const chain = causeChain(error);
  const codes = chain.map((e) => e.code).filter((c): c is string => typeof c === 'string');
  const messages = chain.map((e) => e.message).filter((m): m is string => typeof m === 'string' && m !== '');
  const first = codes[0];
  const withCode = (kind: MediaFailure['kind'], detail: string, code = first): MediaFailure => (code ? { kind, detail, code } : { kind, detail });

  if (how.timedOut || codes.some((c) => timeoutCodes.has(c))) {
    return withCode('timeout', `no answer within ${formatSeconds(how.timeoutMs)}`, codes.find((c) => timeoutCodes.has(c)));
  }
  const tlsCode = codes.find((c) => tlsVersionCodes.has(c));
  if (tlsCode || messages.some((m) => tlsVersionMessage.test(m))) {
    return withCode('tls-version', `the TLS handshake failed on the protocol version (${opensslReason(messages) ?? tlsCode ?? 'unsupported protocol'})`, tlsCode);
  }
  const certCode = codes.find((c) => certificateCodes.has(c));
  if (certCode) return withCode('tls-certificate', `${messages[0] ?? 'certificate rejected'} (${certCode})`, certCode);
  if (chain.some((e) => e.name === 'AbortError') || codes.includes('UND_ERR_ABORTED') || codes.includes('ABORT_ERR')) {
    return withCode('cancelled', 'cancelled');
  }
  const known = codes.find((c) => networkWords[c] !== undefined);
  if (known) return withCode('network', `${networkWords[known]} (${known})`, known);
  const message = messages[0] ?? String(error);
  return withCode('network', first ? `${message} (${first})` : message);
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  name?: unknown;
}

function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (typeof e !== 'object' || e === null || seen.has(e) || chain.length > 10) return;
    seen.add(e);
    chain.push(e as ErrorLike);
    visit((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) inner.forEach(visit);
  };
  visit(error);
  return chain;
}

/** "…:ssl3_read_bytes:tlsv1 alert protocol version:…" → "tlsv1 alert protocol version". */
function opensslReason(messages: string[]): string | undefined {
  for (const m of messages) {
    const match = tlsVersionMessage.exec(m);
    if (!match) continue;
    const parts = m.split(':');
    const part = parts.find((p) => tlsVersionMessage.test(p));
    return (part ?? match[0]).trim();
  }
  return undefined;
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
