// A fake Sinch Conversation API and OAuth server on 127.0.0.1, speaking the documented contract (FACTS: endpoints,
// OAuth client credentials, error bodies). It checks path, method, headers and auth on every request, validates
// request bodies (send against our schema, app update and webhook create against the API's shapes), records what it
// received, and can be scripted to answer errors or to stall. Used by unit, CLI and VS Code integration tests.
import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMessageValidator } from '../../src/core/schema/schemas';
import { allTriggers } from '../../src/core/webhook/triggers';

export type Route = 'token' | 'send' | 'getApp' | 'updateApp' | 'listWebhooks' | 'createWebhook' | 'deleteWebhook' | 'unknown';

export interface RecordedRequest {
  route: Route;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** What the fake answered. */
  status: number;
  /** The JSON it answered with (a send's message_id, for a test that then posts that message's delivery report). */
  response?: unknown;
}

export interface ScriptedAnswer {
  /** Which requests it applies to (default: any API request, not the token endpoint). */
  route?: Route | 'api';
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (a timeout test sets it beyond the client's timeout). */
  delayMs?: number;
  /** Answer this many matching requests (default 1). */
  times?: number;
  /** Put the request's Authorization header into the error message, as a careless server might. */
  echoAuthorization?: boolean;
}

export interface FakeOptions {
  projectId?: string;
  appId?: string;
  keyId?: string;
  keySecret?: string;
  tokenLifetimeSeconds?: number;
  /** Channel credentials the app starts with (other channels, to prove an update keeps them). */
  channelCredentials?: Record<string, unknown>[];
}

interface FakeApp {
  id: string;
  display_name: string;
  channel_credentials: Record<string, unknown>[];
}

export const fakeDefaults = {
  projectId: 'proj-0001',
  appId: '01FAKEAPP0000000000000000',
  keyId: 'key-id-0001',
  keySecret: 'S3cr3t-key-secret-for-tests-9f8e7d',
};

const errorStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function errorBody(code: number, message: string, details: { type_url: string; value: string }[] = []) {
  return { error: { code, message, status: errorStatus[code] ?? 'UNKNOWN', details } };
}

export class FakeConversationApi {
  readonly requests: RecordedRequest[] = [];
  /** Contract violations in what clients sent (a test asserts none). */
  readonly violations: string[] = [];
  readonly issuedTokens: string[] = [];
  readonly apps = new Map<string, FakeApp>();
  readonly webhooks: Record<string, unknown>[] = [];
  readonly options: Required<Omit<FakeOptions, 'channelCredentials'>>;
  #revoked = new Set<string>();
  #script: (ScriptedAnswer & { left: number })[] = [];
  #server: Server;
  #port = 0;
  #sockets = new Set<import('node:net').Socket>();

  private constructor(options: FakeOptions) {
    this.options = {
      projectId: options.projectId ?? fakeDefaults.projectId,
      appId: options.appId ?? fakeDefaults.appId,
      keyId: options.keyId ?? fakeDefaults.keyId,
      keySecret: options.keySecret ?? fakeDefaults.keySecret,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    };
    this.apps.set(this.options.appId, {
      id: this.options.appId,
      display_name: 'Fake app',
      channel_credentials: options.channelCredentials ?? [
        { channel: 'WHATSAPP', static_bearer: { claimed_identity: '15550001111', token: 'whatsapp-token' }, callback_secret: '' },
        { channel: 'MESSENGER', static_token: { token: 'messenger-token' } },
      ],
    });
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(options: FakeOptions = {}): Promise<FakeConversationApi> {
    const fake = new FakeConversationApi(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get port(): number {
    return this.#port;
  }

  /** Base URL of the Conversation API (SINCH_CONVERSATION_URL). */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Token endpoint (SINCH_AUTH_URL). */
  get authUrl(): string {
    return `http://127.0.0.1:${this.#port}/oauth2/token`;
  }

  /** The SINCH_* variables the CLI reads, pointing at this fake. */
  sinchEnv(): Record<string, string> {
    return {
      SINCH_PROJECT_ID: this.options.projectId,
      SINCH_KEY_ID: this.options.keyId,
      SINCH_KEY_SECRET: this.options.keySecret,
      SINCH_REGION: 'eu',
      SINCH_APP_ID: this.options.appId,
      SINCH_CONVERSATION_URL: this.url,
      SINCH_AUTH_URL: this.authUrl,
    };
  }

  /** An environment pointing at this fake. */
  environment(name = 'fake'): { name: string; projectId: string; appId: string; region: 'eu'; keyId: string; variables: Record<string, string>; conversationUrl: string; authUrl: string } {
    return { name, projectId: this.options.projectId, appId: this.options.appId, region: 'eu', keyId: this.options.keyId, variables: {}, conversationUrl: this.url, authUrl: this.authUrl };
  }

  /** Queues an answer for the next matching request(s). */
  next(answer: ScriptedAnswer): this {
    this.#script.push({ ...answer, left: answer.times ?? 1 });
    return this;
  }

  /** Makes every token issued so far invalid, as when a token is revoked or expires early. */
  revokeTokens(): void {
    for (const t of this.issuedTokens) this.#revoked.add(t);
  }

  requestsTo(route: Route): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  reset(): void {
    this.requests.length = 0;
    this.violations.length = 0;
    this.#script = [];
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = this.#route(req.method ?? '', url.pathname);
    const record: RecordedRequest = { route, method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body, status: 0 };
    this.requests.push(record);
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = json;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(json === undefined ? '' : JSON.stringify(json));
    };

    const scripted = this.#script.find((s) => s.left > 0 && (s.route === route || ((s.route ?? 'api') === 'api' && route !== 'token')));
    if (scripted) {
      scripted.left--;
      if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
      const message = scripted.echoAuthorization ? `Rejected request with authorization ${req.headers.authorization ?? ''}` : `Scripted ${scripted.status}`;
      if (scripted.status !== undefined) return answer(scripted.status, scripted.body ?? errorBody(scripted.status, message), scripted.headers);
    }

    if (route === 'token') return this.#token(req, body, answer);
    if (route === 'unknown') return answer(404, errorBody(404, `No route for ${req.method} ${url.pathname}`));

    const auth = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token || !this.issuedTokens.includes(token) || this.#revoked.has(token)) {
      if (!token) this.violations.push(`${req.method} ${url.pathname} without a Bearer token`);
      return answer(401, errorBody(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    }
    if (req.headers.accept !== undefined && !/json|\*\/\*/.test(String(req.headers.accept))) this.violations.push(`accept header ${req.headers.accept}`);
    const [, projectId] = /^\/v1\/projects\/([^/]+)/.exec(url.pathname) ?? [];
    if (decodeURIComponent(projectId ?? '') !== this.options.projectId) {
      return answer(403, errorBody(403, `The project ${projectId} does not belong to this key.`));
    }
    const needsJson = req.method === 'POST' || req.method === 'PATCH';
    let json: unknown;
    if (needsJson) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        this.violations.push(`${req.method} ${url.pathname}: content-type ${req.headers['content-type']}`);
        return answer(400, errorBody(400, 'Content-Type must be application/json'));
      }
      try {
        json = JSON.parse(body);
      } catch {
        this.violations.push(`${req.method} ${url.pathname}: body is not JSON`);
        return answer(400, errorBody(400, 'Invalid JSON payload received.'));
      }
    }
    switch (route) {
      case 'send':
        return this.#send(json, answer);
      case 'getApp': {
        const app = this.apps.get(this.#appIdOf(url.pathname));
        return app ? answer(200, app) : answer(404, errorBody(404, `Could not find App with ID ${this.#appIdOf(url.pathname)}`));
      }
      case 'updateApp':
        return this.#updateApp(this.#appIdOf(url.pathname), url, json, answer);
      case 'listWebhooks': {
        const appId = this.#appIdOf(url.pathname);
        if (!this.apps.has(appId)) return answer(404, errorBody(404, `Could not find App with ID ${appId}`));
        return answer(200, { webhooks: this.webhooks.filter((w) => w.app_id === appId).map(({ secret: _secret, ...w }) => w) });
      }
      case 'createWebhook':
        return this.#createWebhook(json, answer);
      case 'deleteWebhook': {
        const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
        const index = this.webhooks.findIndex((w) => w.id === id);
        if (index === -1) return answer(404, errorBody(404, `Could not find webhook with ID ${id}`));
        this.webhooks.splice(index, 1);
        return answer(200, {});
      }
    }
  }

  #route(method: string, path: string): Route {
    if (path === '/oauth2/token') return method === 'POST' ? 'token' : 'unknown';
    if (method === 'POST' && /^\/v1\/projects\/[^/]+\/messages:send$/.test(path)) return 'send';
    if (method === 'GET' && /^\/v1\/projects\/[^/]+\/apps\/[^/]+$/.test(path)) return 'getApp';
    if (method === 'PATCH' && /^\/v1\/projects\/[^/]+\/apps\/[^/]+$/.test(path)) return 'updateApp';
    if (method === 'GET' && /^\/v1\/projects\/[^/]+\/apps\/[^/]+\/webhooks$/.test(path)) return 'listWebhooks';
    if (method === 'POST' && /^\/v1\/projects\/[^/]+\/webhooks$/.test(path)) return 'createWebhook';
    if (method === 'DELETE' && /^\/v1\/projects\/[^/]+\/webhooks\/[^/]+$/.test(path)) return 'deleteWebhook';
    return 'unknown';
  }

  #appIdOf(path: string): string {
    return decodeURIComponent(/\/apps\/([^/]+)/.exec(path)?.[1] ?? '');
  }

  #token(req: IncomingMessage, body: string, answer: (s: number, j: unknown) => void): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) this.violations.push(`token request content-type ${req.headers['content-type']}`);
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      this.violations.push(`token request body ${body}`);
      return answer(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
    }
    if (id !== this.options.keyId || secret !== this.options.keySecret) return answer(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    const token = `tok_${randomBytes(18).toString('hex')}`;
    this.issuedTokens.push(token);
    answer(200, { access_token: token, expires_in: this.options.tokenLifetimeSeconds, scope: '', token_type: 'bearer' });
  }

  #send(json: unknown, answer: (s: number, j: unknown) => void): void {
    const problems = sendMessageValidator().check(json).filter((p) => p.severity === 'error');
    if (problems.length) {
      this.violations.push(`send body: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
      return answer(400, errorBody(400, `Invalid argument: ${problems[0].message}`, [{ type_url: 'type.googleapis.com/google.rpc.BadRequest', value: problems[0].pointer }]));
    }
    const appId = (json as { app_id: string }).app_id;
    if (!this.apps.has(appId)) return answer(404, errorBody(404, `Could not find App with ID ${appId}`));
    answer(200, { accepted_time: new Date().toISOString(), message_id: `01MSG${randomUUID().replace(/-/g, '').slice(0, 21).toUpperCase()}` });
  }

  #updateApp(appId: string, url: URL, json: unknown, answer: (s: number, j: unknown) => void): void {
    const app = this.apps.get(appId);
    if (!app) return answer(404, errorBody(404, `Could not find App with ID ${appId}`));
    const credentials = (json as { channel_credentials?: unknown }).channel_credentials;
    const problems: string[] = [];
    if (!Array.isArray(credentials)) problems.push('channel_credentials must be a list');
    else
      credentials.forEach((c, i) => {
        if (typeof c !== 'object' || c === null || typeof (c as { channel?: unknown }).channel !== 'string') return problems.push(`channel_credentials[${i}].channel is required`);
        const kinds = Object.keys(c).filter((k) => k !== 'channel' && k !== 'callback_secret' && k !== 'credential_ordinal_number');
        if (kinds.length !== 1) problems.push(`channel_credentials[${i}] must hold exactly one credential, has ${kinds.join(', ') || 'none'}`);
        const entry = c as Record<string, unknown>;
        if (entry.channel === 'LINE') {
          const pair = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { token?: unknown }).token === 'string' && typeof (v as { secret?: unknown }).secret === 'string';
          const enterprise = entry.line_enterprise_credentials as Record<string, unknown> | undefined;
          if (!(pair(entry.line_credentials) || (enterprise && (pair(enterprise.line_japan) || pair(enterprise.line_thailand))))) problems.push(`channel_credentials[${i}]: LINE needs line_credentials {token, secret} or line_enterprise_credentials.line_japan|line_thailand`);
        }
      });
    if (url.searchParams.get('update_mask.paths') !== null && url.searchParams.get('update_mask.paths') !== 'channel_credentials') problems.push(`unexpected update_mask ${url.searchParams.get('update_mask.paths')}`);
    if (problems.length) {
      this.violations.push(`app update: ${problems.join('; ')}`);
      return answer(400, errorBody(400, problems[0]));
    }
    app.channel_credentials = credentials as Record<string, unknown>[];
    answer(200, app);
  }

  #createWebhook(json: unknown, answer: (s: number, j: unknown) => void): void {
    const w = json as Record<string, unknown>;
    const problems: string[] = [];
    if (typeof w.app_id !== 'string' || !this.apps.has(w.app_id)) problems.push(`app_id ${String(w.app_id)} is not an app of the project`);
    if (typeof w.target !== 'string' || w.target.length === 0) problems.push('target is required');
    else if (w.target.length > 742) problems.push('target is longer than 742 characters');
    if (w.target_type !== undefined && w.target_type !== 'HTTP') problems.push(`target_type ${String(w.target_type)}`);
    if (!Array.isArray(w.triggers) || w.triggers.length === 0) problems.push('triggers is required');
    else for (const t of w.triggers) if (!(allTriggers as readonly string[]).includes(t) || t === 'UNSPECIFIED_TRIGGER') problems.push(`unknown trigger ${String(t)}`);
    if (w.secret !== undefined && typeof w.secret !== 'string') problems.push('secret must be a string');
    if (problems.length) {
      this.violations.push(`webhook create: ${problems.join('; ')}`);
      return answer(400, errorBody(400, problems[0]));
    }
    if (this.webhooks.filter((x) => x.app_id === w.app_id).length >= 5) return answer(400, errorBody(400, 'Max number of webhooks for app reached'));
    const created = { id: `01WH${randomUUID().replace(/-/g, '').slice(0, 22).toUpperCase()}`, app_id: w.app_id, target: w.target, target_type: 'HTTP', triggers: w.triggers, secret: w.secret };
    this.webhooks.push(created);
    const { secret: _s, ...shown } = created;
    answer(200, shown);
  }
}
