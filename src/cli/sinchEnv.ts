import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { type Environment, isRegion, regions } from '../core/conversation/environment';
import { urlRefusal } from '../core/http/urlPolicy';
import { UsageError } from './io';

export type EnvVars = Record<string, string | undefined>;

/**
 * The process environment with a dotenv file under it: as with Node's own --env-file, a variable already set in
 * the environment wins over the file.
 */
export function loadEnv(envFile: string | undefined, base: EnvVars = process.env, usage?: string): EnvVars {
  if (envFile === undefined) return { ...base };
  let text: string;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --env-file ${envFile}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, usage);
  }
  return { ...(parseEnv(text) as EnvVars), ...base };
}

/** A missing or malformed credential stops the command before any request, naming the variable. */
export class CredentialError extends Error {}

export interface CliEnvironment {
  environment: Environment;
  keySecret: string;
}

/**
 * The environment from SINCH_* variables. `needSecret: false` (a dry run) leaves out the key; `appId` comes from
 * the payload for send, or from SINCH_APP_ID / --app-id for webhooks.
 */
export function environmentFromEnv(vars: EnvVars, options: { appId?: string; appIdSource?: string; needSecret: boolean }): CliEnvironment {
  const value = (name: string) => vars[name]?.trim() || undefined;
  const required = ['SINCH_PROJECT_ID', 'SINCH_REGION', ...(options.needSecret ? ['SINCH_KEY_ID', 'SINCH_KEY_SECRET'] : [])];
  const missing = required.filter((n) => value(n) === undefined);
  if (!options.appId) missing.push(options.appIdSource ?? 'SINCH_APP_ID');
  if (missing.length) throw new CredentialError(`Nothing was sent: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set.`);
  const region = value('SINCH_REGION')!.toLowerCase();
  if (!isRegion(region)) throw new CredentialError(`Nothing was sent: SINCH_REGION is "${value('SINCH_REGION')}"; it must be one of ${regions.join(', ')}.`);
  const environment: Environment = { name: 'cli', projectId: value('SINCH_PROJECT_ID')!, appId: options.appId!, region, keyId: value('SINCH_KEY_ID') ?? '', variables: {} };
  for (const [name, key] of [['SINCH_CONVERSATION_URL', 'conversationUrl'], ['SINCH_AUTH_URL', 'authUrl']] as const) {
    const url = value(name);
    if (url === undefined) continue;
    const refusal = urlRefusal(url, name);
    if (refusal) throw new CredentialError(`Nothing was sent: ${refusal}`);
    environment[key] = url;
  }
  return { environment, keySecret: value('SINCH_KEY_SECRET') ?? '' };
}

export function proxyOf(vars: EnvVars): { proxy?: string; noProxy?: string } {
  return { proxy: vars.HTTPS_PROXY ?? vars.https_proxy ?? vars.HTTP_PROXY ?? vars.http_proxy, noProxy: vars.NO_PROXY ?? vars.no_proxy };
}
