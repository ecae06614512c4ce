import { isIP } from 'node:net';

/** Loopback names and addresses: the only hosts plain http may reach (a local fake, a local proxy, a test). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Why a URL may not carry credentials, or undefined when it may: https anywhere, plain http on loopback only. */
export function urlRefusal(url: string, what = 'URL'): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The ${what} "${url}" is not a valid URL.`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return undefined;
    return `The ${what} "${parsed.origin}" uses plain http: credentials and tokens would cross the network unencrypted. Use https (plain http is allowed for loopback addresses only).`;
  }
  return `The ${what} "${url}" must use https.`;
}

export class UrlRefusedError extends Error {
  readonly kind = 'refused';
}

export function assertAllowedUrl(url: string, what?: string): void {
  const refusal = urlRefusal(url, what);
  if (refusal) throw new UrlRefusedError(refusal);
}
