import { isIP } from 'node:net';

/** Hosts on this machine: a handler under test is usually one, and plain http is fine there. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** The URL to post callbacks to, or why it cannot be one: http(s) only, and plain http only on loopback. */
export function parseTargetUrl(text: string): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `"${text}" is not a URL (expected http://127.0.0.1:3000/webhook or https://…)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `${text}: only http and https URLs can receive callbacks` };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { error: `${text}: plain http is only for a handler on this machine (127.0.0.1, ::1, localhost); use https for ${url.hostname}` };
  }
  if (url.username || url.password) return { error: `${text}: put no credentials in the URL` };
  return { url };
}
