import { Agent, type Dispatcher } from 'undici';
import { createDispatcher } from '../http/dispatcher';
import { isLoopbackHost } from '../http/urlPolicy';

export { isLoopbackHost };

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

/**
 * How to reach the handler: straight for one on this machine (a proxy from HTTPS_PROXY must not carry loopback
 * traffic away), through the product's proxy-aware dispatcher for any other.
 */
export function dispatcherFor(url: URL, proxy?: { proxy?: string; noProxy?: string }): Dispatcher {
  return isLoopbackHost(url.hostname) ? new Agent({ keepAliveTimeout: 1000 }) : createDispatcher({ ...proxy, keepAliveTimeoutMs: 1000 });
}
