/** Where and as whom requests go. Everything here may be committed to settings: the key secret is never in it. */
export interface Environment {
  name: string;
  projectId: string;
  appId: string;
  region: Region;
  keyId: string;
  /** Values for `{{NAME}}` placeholders. */
  variables: Record<string, string>;
  /** Overrides of https://{region}.conversation.api.sinch.com (tests, proxies, mocks). */
  conversationUrl?: string;
  /** Override of https://auth.sinch.com/oauth2/token. */
  authUrl?: string;
}

export const regions = ['us', 'eu', 'br'] as const;
export type Region = (typeof regions)[number];

export const defaultAuthUrl = 'https://auth.sinch.com/oauth2/token';

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (regions as readonly string[]).includes(value);
}

export function conversationBaseUrl(env: Pick<Environment, 'region' | 'conversationUrl'>): string {
  return (env.conversationUrl ?? `https://${env.region}.conversation.api.sinch.com`).replace(/\/+$/, '');
}

export function authUrl(env: Pick<Environment, 'authUrl'>): string {
  return env.authUrl ?? defaultAuthUrl;
}

export interface ParsedEnvironments {
  environments: Environment[];
  /** One line per entry that was left out, naming it and why. */
  problems: string[];
}

/** Reads `convapiLine.environments` (untrusted: hand-edited settings may hold anything). */
export function parseEnvironments(raw: unknown): ParsedEnvironments {
  const environments: Environment[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) return { environments, problems: raw === undefined || raw === null ? [] : ['convapiLine.environments must be a list.'] };
  raw.forEach((entry, index) => {
    const where = `convapiLine.environments[${index}]`;
    if (typeof entry !== 'object' || entry === null) return problems.push(`${where} is not an object.`);
    const e = entry as Record<string, unknown>;
    const text = (key: string) => (typeof e[key] === 'string' ? (e[key] as string).trim() : '');
    const missing = ['name', 'projectId', 'appId', 'keyId'].filter((k) => text(k) === '');
    if (missing.length) return problems.push(`${where} lacks ${missing.join(', ')}.`);
    if (!isRegion(e.region)) return problems.push(`${where} ("${text('name')}"): region must be one of ${regions.join(', ')}.`);
    if (environments.some((x) => x.name === text('name'))) return problems.push(`${where}: a second environment named "${text('name')}" is ignored.`);
    const variables: Record<string, string> = {};
    if (typeof e.variables === 'object' && e.variables !== null && !Array.isArray(e.variables)) {
      for (const [k, v] of Object.entries(e.variables)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') variables[k] = String(v);
    }
    const env: Environment = { name: text('name'), projectId: text('projectId'), appId: text('appId'), region: e.region, keyId: text('keyId'), variables };
    if (text('conversationUrl')) env.conversationUrl = text('conversationUrl');
    if (text('authUrl')) env.authUrl = text('authUrl');
    environments.push(env);
  });
  return { environments, problems };
}

/** The settings form of an environment (what is written back to convapiLine.environments). */
export function environmentToSetting(env: Environment): Record<string, unknown> {
  const out: Record<string, unknown> = { name: env.name, projectId: env.projectId, appId: env.appId, region: env.region, keyId: env.keyId };
  if (Object.keys(env.variables).length) out.variables = env.variables;
  if (env.conversationUrl) out.conversationUrl = env.conversationUrl;
  if (env.authUrl) out.authUrl = env.authUrl;
  return out;
}
