import { randomBytes } from 'node:crypto';
import { webhookTargetProblem } from '../core/conversation/webhookLimits';
import { Redactor } from '../core/send/redact';
import { allTriggers, defaultLineTriggers } from '../core/webhook/triggers';
import { parseCommandArgs } from './args';
import { type CliIO, UsageError, exitCodes } from './io';
import { CredentialError, environmentFromEnv, loadEnv, proxyOf } from './sinchEnv';

export const webhooksUsage = `Usage: convapi-line webhooks list [--json]
       convapi-line webhooks create --target <url> [--trigger T]... [--secret S] [--json]
       convapi-line webhooks delete <webhook-id>

Lists, creates and deletes the webhooks of a Conversation API app. The app is SINCH_APP_ID or --app-id; the other
credentials are those of "convapi-line send" (SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET, SINCH_REGION,
SINCH_CONVERSATION_URL, SINCH_AUTH_URL), from the environment or --env-file.

create: the triggers default to ${defaultLineTriggers.join(', ')}. Without --secret a random secret is generated
and printed once: keep it to verify the x-sinch-webhook-signature of callbacks. The API allows 5 webhooks per app
and a target of at most 742 characters; both are checked before the request.

Options:
  --app-id <id>        the app (instead of SINCH_APP_ID)
  --env-file <file>    read variables from a dotenv file
  --target <url>       (create) where callbacks go
  --trigger <T>        (create) a trigger, repeatable: ${allTriggers.filter((t) => t !== 'UNSPECIFIED_TRIGGER').join(', ')}
  --secret <s>         (create) the signing secret to use
  --json               print JSON on stdout
  --timeout <ms>       give up waiting for an answer after this long (default 30000)
  -h, --help           show this help

Exit codes: 0 done, 1 API or network error, 2 nothing done (usage, missing credential, a limit).
`;

const options = {
  'app-id': { type: 'string' },
  'env-file': { type: 'string' },
  target: { type: 'string' },
  trigger: { type: 'string', multiple: true },
  secret: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runWebhooks(argv: string[], io: CliIO, baseEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('webhooks', argv, options, webhooksUsage);
  if (values.help) {
    io.stdout(webhooksUsage);
    return exitCodes.ok;
  }
  const [action, ...rest] = positionals;
  if (action !== 'list' && action !== 'create' && action !== 'delete') throw new UsageError(action ? `unknown webhooks action "${action}": use list, create or delete.` : 'webhooks needs an action: list, create or delete.', webhooksUsage);
  if (action === 'delete' && rest.length !== 1) throw new UsageError('webhooks delete takes one webhook ID.', webhooksUsage);
  if (action !== 'delete' && rest.length) throw new UsageError(`unexpected argument "${rest[0]}".`, webhooksUsage);
  if (action === 'create' && !values.target) throw new UsageError('webhooks create needs --target <url>.', webhooksUsage);
  const triggers = values.trigger?.length ? values.trigger.map((t) => t.trim().toUpperCase()) : [...defaultLineTriggers];
  const unknown = triggers.filter((t) => !(allTriggers as readonly string[]).includes(t) || t === 'UNSPECIFIED_TRIGGER');
  if (unknown.length) throw new UsageError(`unknown trigger${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}.`, webhooksUsage);
  const timeoutMs = values.timeout === undefined ? 30_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout takes a whole number of milliseconds, not "${values.timeout}".`, webhooksUsage);
  if (action === 'create') {
    const problem = webhookTargetProblem(values.target!);
    if (problem) {
      io.stderr(`convapi-line webhooks: Nothing was created: ${problem}\n`);
      return exitCodes.usage;
    }
  }

  const vars = loadEnv(values['env-file'], baseEnv, webhooksUsage);
  let cli;
  try {
    cli = environmentFromEnv(vars, { appId: values['app-id'] ?? vars.SINCH_APP_ID, appIdSource: 'SINCH_APP_ID (or --app-id)', needSecret: true });
  } catch (error) {
    if (error instanceof CredentialError) {
      io.stderr(`convapi-line webhooks: ${error.message.replace('Nothing was sent', 'Nothing was done')}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
  const redactor = new Redactor().add(cli.keySecret);
  const { ConversationApi, TokenCache, createDispatcher } = await import('./sendDeps');
  const dispatcher = createDispatcher({ ...proxyOf(vars), timeoutMs });
  const api = new ConversationApi({ environment: cli.environment, keySecret: cli.keySecret, dispatcher, tokens: new TokenCache(dispatcher, { timeoutMs }), timeoutMs });
  const json = values.json === true;
  try {
    if (action === 'list') {
      const hooks = await api.listWebhooks();
      if (json) io.stdout(JSON.stringify({ webhooks: hooks }) + '\n');
      else if (hooks.length === 0) io.stdout(`App ${cli.environment.appId} has no webhooks.\n`);
      else io.stdout(hooks.map((h) => `${h.id}  ${h.target}\n    ${(h.triggers ?? []).join(', ')}`).join('\n') + '\n');
      return exitCodes.ok;
    }
    if (action === 'create') {
      const secret = values.secret ?? randomBytes(24).toString('base64url');
      const created = await api.createWebhook({ target: values.target!, triggers, secret });
      if (json) io.stdout(JSON.stringify({ webhook: created, secret }) + '\n');
      else io.stdout(`Created webhook ${created.id} → ${created.target}\n  triggers: ${(created.triggers ?? triggers).join(', ')}\n  secret: ${secret}\n`);
      return exitCodes.ok;
    }
    await api.deleteWebhook(rest[0]);
    if (json) io.stdout(JSON.stringify({ deleted: rest[0] }) + '\n');
    else io.stdout(`Deleted webhook ${rest[0]}.\n`);
    return exitCodes.ok;
  } catch (error) {
    const message = redactor.redactError(error);
    const limit = /already has \d+ webhooks|not a webhook ID/.test(message);
    if (json) io.stdout(JSON.stringify({ ok: false, message }) + '\n');
    else io.stderr(`convapi-line webhooks: ${message}\n`);
    return limit ? exitCodes.usage : exitCodes.problems;
  } finally {
    await dispatcher.close();
  }
}
