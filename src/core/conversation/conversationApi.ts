import type { Dispatcher } from 'undici';
import { httpRequest } from '../http/request';
import { ApiError, type ErrorContext, describeApiError } from './apiErrors';
import { type Environment, authUrl, conversationBaseUrl } from './environment';
import { TokenCache, header } from './tokenCache';
import { maxWebhooksPerApp, webhookTargetProblem } from './webhookLimits';

export { maxWebhookTargetLength, maxWebhooksPerApp, webhookTargetProblem } from './webhookLimits';

export interface SendResult {
  status: number;
  /** The API's JSON answer: { message_id, accepted_time }. */
  body: { message_id?: string; accepted_time?: string; [key: string]: unknown };
}

export interface ChannelCredential {
  channel: string;
  [key: string]: unknown;
}

export interface App {
  id?: string;
  display_name?: string;
  channel_credentials?: ChannelCredential[];
  [key: string]: unknown;
}

export interface Webhook {
  id?: string;
  app_id: string;
  target: string;
  target_type?: string;
  triggers: string[];
  secret?: string;
  [key: string]: unknown;
}


export interface ConversationApiOptions {
  environment: Environment;
  keySecret: string;
  dispatcher: Dispatcher;
  /** Shared across clients so a token is reused across sends. */
  tokens: TokenCache;
  timeoutMs?: number;
}

/** A request the client makes, for logs, history and dry runs: never holds the token. */
export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
}

/**
 * The Conversation API calls this product makes. Each call is made once: a 401 gets a fresh token and one more try
 * (the request was refused before anything happened), and nothing else is ever retried.
 */
export class ConversationApi {
  readonly #env: Environment;
  readonly #secret: string;
  readonly #dispatcher: Dispatcher;
  readonly #tokens: TokenCache;
  readonly #timeoutMs: number;

  constructor(options: ConversationApiOptions) {
    this.#env = options.environment;
    this.#secret = options.keySecret;
    this.#dispatcher = options.dispatcher;
    this.#tokens = options.tokens;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  get environment(): Environment {
    return this.#env;
  }

  sendRequest(body: unknown): PlannedRequest {
    return { method: 'POST', url: `${this.#project()}/messages:send`, body };
  }

  async send(body: unknown, signal?: AbortSignal): Promise<SendResult> {
    const planned = this.sendRequest(body);
    return (await this.#call(planned, { action: 'send the message', appScoped: false }, signal)) as SendResult;
  }

  async getApp(signal?: AbortSignal): Promise<App> {
    const result = await this.#call({ method: 'GET', url: this.#app() }, { action: `read app ${this.#env.appId}`, appScoped: true }, signal);
    return result.body as App;
  }

  /**
   * Replaces the LINE credential of the app and keeps every other channel as it was: the API's update replaces
   * the whole channel_credentials list, so the list read just before is sent back with only LINE changed.
   */
  async setLineCredential(line: ChannelCredential, signal?: AbortSignal): Promise<{ before: App; after: App; channels: ChannelCredential[] }> {
    const before = await this.getApp(signal);
    const channels = mergeLineCredential(before.channel_credentials ?? [], line);
    const url = `${this.#app()}?update_mask.paths=channel_credentials`;
    const result = await this.#call({ method: 'PATCH', url, body: { channel_credentials: channels } }, { action: `update app ${this.#env.appId}`, appScoped: true }, signal);
    return { before, after: result.body as App, channels };
  }

  async listWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
    const result = await this.#call({ method: 'GET', url: `${this.#app()}/webhooks` }, { action: `list the webhooks of app ${this.#env.appId}`, appScoped: true }, signal);
    const list = (result.body as { webhooks?: unknown }).webhooks;
    return Array.isArray(list) ? (list as Webhook[]) : [];
  }

  /** Checks the API's limits first (target length, 5 per app), so a refused request is never made. */
  async createWebhook(input: { target: string; triggers: string[]; secret?: string }, signal?: AbortSignal): Promise<Webhook> {
    const problem = webhookTargetProblem(input.target);
    if (problem) throw new Error(problem);
    if (input.triggers.length === 0) throw new Error('A webhook needs at least one trigger.');
    const existing = await this.listWebhooks(signal);
    if (existing.length >= maxWebhooksPerApp) {
      throw new Error(`App ${this.#env.appId} already has ${existing.length} webhooks, the most the API allows (${maxWebhooksPerApp}): delete one first.`);
    }
    const body: Webhook = { app_id: this.#env.appId, target: input.target, target_type: 'HTTP', triggers: input.triggers };
    if (input.secret) body.secret = input.secret;
    const result = await this.#call({ method: 'POST', url: `${this.#project()}/webhooks`, body }, { action: 'create the webhook', appScoped: false }, signal);
    return result.body as Webhook;
  }

  async deleteWebhook(id: string, signal?: AbortSignal): Promise<void> {
    if (!/^[\w-]+$/.test(id)) throw new Error(`"${id}" is not a webhook ID.`);
    await this.#call({ method: 'DELETE', url: `${this.#project()}/webhooks/${id}` }, { action: `delete webhook ${id}`, appScoped: false }, signal);
  }

  #project(): string {
    return `${conversationBaseUrl(this.#env)}/v1/projects/${encodeURIComponent(this.#env.projectId)}`;
  }

  #app(): string {
    return `${this.#project()}/apps/${encodeURIComponent(this.#env.appId)}`;
  }

  async #call(req: PlannedRequest, ctx: Pick<ErrorContext, 'action' | 'appScoped'>, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
    const credentials = { authUrl: authUrl(this.#env), keyId: this.#env.keyId, keySecret: this.#secret };
    const attempt = async () => {
      const token = await this.#tokens.token(credentials, signal);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      const response = await httpRequest(this.#dispatcher, {
        method: req.method,
        url: req.url,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        timeoutMs: this.#timeoutMs,
        signal,
      });
      return { token, response };
    };
    let { token, response } = await attempt();
    if (response.status === 401) {
      // A token revoked or expired early: the request was refused before anything happened, so one more try with
      // a fresh token cannot deliver twice.
      this.#tokens.invalidate(credentials, token);
      ({ response } = await attempt());
    }
    if (response.status < 200 || response.status >= 300) {
      throw describeApiError(response.status, response.text, {
        ...ctx,
        region: this.#env.conversationUrl ? `${this.#env.region} (${new URL(this.#env.conversationUrl).host})` : this.#env.region,
        projectId: this.#env.projectId,
        appId: this.#env.appId,
        retryAfter: header(response.headers['retry-after']),
      });
    }
    let body: unknown = {};
    if (response.text.trim() !== '') {
      try {
        body = JSON.parse(response.text);
      } catch {
        throw new ApiError(`Could not ${ctx.action}: HTTP ${response.status} with a body that is not JSON.`, response.status, response.text);
      }
    }
    return { status: response.status, body };
  }
}

/** The app's credential list with its (default) LINE entry replaced by `line`; other channels untouched, in order. */
export function mergeLineCredential(existing: readonly ChannelCredential[], line: ChannelCredential): ChannelCredential[] {
  const ordinal = (c: ChannelCredential) => (typeof c.credential_ordinal_number === 'number' ? c.credential_ordinal_number : 0);
  const index = existing.findIndex((c) => c.channel === 'LINE' && ordinal(c) === ordinal(line));
  if (index === -1) return [...existing, line];
  return existing.map((c, i) => (i === index ? line : c));
}

export type LineAccountRegion = 'standard' | 'japan' | 'thailand';

/** The credential entry for a LINE Official Account (standard) or an enterprise one in Japan or Thailand. */
export function lineCredential(region: LineAccountRegion, token: string, secret: string): ChannelCredential {
  if (region === 'standard') return { channel: 'LINE', line_credentials: { token, secret } };
  return { channel: 'LINE', line_enterprise_credentials: { [region === 'japan' ? 'line_japan' : 'line_thailand']: { token, secret } } };
}
