import type { ConnectionOptions } from 'node:tls';
import { type Dispatcher, EnvHttpProxyAgent, type buildConnector } from 'undici';

export interface DispatcherOptions {
  /**
   * A proxy URL given by the user (VS Code's `http.proxy`). Without it, HTTPS_PROXY / HTTP_PROXY from the process
   * environment apply; NO_PROXY (or `noProxy`) is honoured either way.
   */
  proxy?: string;
  /** Hosts that bypass the proxy, in NO_PROXY syntax; defaults to the NO_PROXY environment variable. */
  noProxy?: string;
  /** TLS options for the target server (also through a proxy tunnel). */
  tls?: ConnectionOptions;
  /** Connect, headers and body timeouts of every request, in milliseconds. */
  timeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Replaces the socket connector (tests that must record connection attempts and make none). */
  connector?: buildConnector.connector;
}

/**
 * The one way this product builds an undici dispatcher, so the Conversation API client and media pre-flight agree
 * on proxies: EnvHttpProxyAgent picks a direct agent or a proxy agent per request from HTTPS_PROXY/NO_PROXY.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const timeout = options.timeoutMs ?? 30_000;
  const tls = { ...options.tls, timeout } as ConnectionOptions & { timeout: number };
  const proxy = options.proxy?.trim() || undefined;
  return new EnvHttpProxyAgent({
    ...(proxy ? { httpProxy: proxy, httpsProxy: proxy } : {}),
    ...(options.noProxy !== undefined ? { noProxy: options.noProxy } : {}),
    connect: options.connector ?? tls,
    // Through a CONNECT tunnel the target's TLS settings travel as requestTls, not connect.
    requestTls: options.tls,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
  } as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
}
