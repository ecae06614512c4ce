import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostic';
import { redactHeaders } from '../core/send/redact';
import { prepareSend } from '../core/send/prepareSend';
import { type VariableLookup, fromRecord, unresolvedMessage } from '../core/send/variables';
import { parseCommandArgs } from './args';
import { formatText } from './checkCommand';
import { type CliIO, UsageError, exitCodes } from './io';
import { CredentialError, environmentFromEnv, loadEnv, proxyOf } from './sinchEnv';

export const sendUsage = `Usage: convapi-line send <file> [--env-file F] [--var NAME=VALUE]... [--json] [--dry-run]

Sends a payload with the Conversation API (POST /v1/projects/{project}/messages:send) once, after checking it:
nothing is sent when the payload has an error, a {{VARIABLE}} has no value, or a credential is missing.

Credentials and endpoints (from the environment or --env-file):
  SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET   project and access key
  SINCH_REGION                                      us, eu or br: where the app was created
  SINCH_CONVERSATION_URL                            base URL instead of https://{region}.conversation.api.sinch.com
  SINCH_AUTH_URL                                    token URL instead of https://auth.sinch.com/oauth2/token
  HTTPS_PROXY, NO_PROXY                             proxy (plain http only for loopback addresses)
The app is the payload's app_id.

Options:
  --env-file <file>     read variables from a dotenv file (variables already set in the environment win)
  --var NAME=VALUE      value of {{NAME}} (repeatable); placeholders are filled from --var, then the environment
  --json                print a JSON object on stdout, also when the send fails
  --dry-run             print the request (method, URL, headers without the token, body) and send nothing
  --timeout <ms>        give up waiting for an answer after this long (default 30000)
  -h, --help            show this help

Exit codes: 0 accepted (the API's JSON answer on stdout), 1 API or network error, 2 nothing was sent (invalid
payload, undefined variable, missing credential, plain-http remote URL, usage error).
`;

const options = {
  'env-file': { type: 'string' },
  var: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runSend(argv: string[], io: CliIO, baseEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('send', argv, options, sendUsage);
  if (values.help) {
    io.stdout(sendUsage);
    return exitCodes.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'send needs the payload <file>.' : `send takes one payload file, got ${positionals.length}.`, sendUsage);
  const timeoutMs = values.timeout === undefined ? 30_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout takes a whole number of milliseconds, not "${values.timeout}".`, sendUsage);
  const cliVars: Record<string, string> = {};
  for (const assignment of values.var ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(assignment);
    if (!match) throw new UsageError(`--var takes NAME=VALUE, not "${assignment}".`, sendUsage);
    cliVars[match[1]] = match[2];
  }
  const vars = loadEnv(values['env-file'], baseEnv, sendUsage);
  const file = positionals[0];
  const json = values.json === true;
  const fail = (code: number, kind: string, message: string, extra: Record<string, unknown> = {}) => {
    if (json) io.stdout(JSON.stringify({ ok: false, sent: false, kind, message, ...extra }) + '\n');
    else io.stderr(`convapi-line send: ${message}\n`);
    return code;
  };

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(exitCodes.usage, 'file', `Nothing was sent: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }

  const sources: { name: string; lookup: VariableLookup }[] = [
    { name: '--var', lookup: fromRecord(cliVars) },
    { name: 'environment', lookup: (name) => vars[name] },
  ];
  const prepared = prepareSend(text, sources);
  if (!prepared.ok) {
    if (prepared.stage === 'variables') return fail(exitCodes.usage, 'variables', unresolvedMessage(prepared.missing, 'with --var NAME=VALUE, in --env-file or in the environment'), { missing: prepared.missing });
    const stage = prepared.stage === 'check' ? 'The payload has' : 'With its variables filled in, the payload has';
    const count = `${prepared.errors.length} error${prepared.errors.length === 1 ? '' : 's'}`;
    if (!json) io.stderr(formatText([{ file, diagnostics: prepared.errors }]));
    return fail(exitCodes.usage, 'invalid', `Nothing was sent: ${stage} ${count}.`, { diagnostics: prepared.errors.map(brief) });
  }
  for (const w of prepared.warnings) if (!json) io.stderr(formatText([{ file, diagnostics: [w] }]));

  const appId = typeof prepared.body.app_id === 'string' ? prepared.body.app_id : undefined;
  let cli;
  try {
    cli = environmentFromEnv(vars, { appId, appIdSource: 'the payload\'s app_id', needSecret: !values['dry-run'] });
  } catch (error) {
    if (error instanceof CredentialError) return fail(exitCodes.usage, 'credentials', error.message);
    throw error;
  }

  const { ConversationApi, TokenCache, createDispatcher, sendPayload } = await import('./sendDeps');
  const dispatcher = createDispatcher({ ...proxyOf(vars), timeoutMs });
  try {
    if (values['dry-run']) {
      const api = new ConversationApi({ environment: cli.environment, keySecret: '', dispatcher, tokens: new TokenCache(dispatcher) });
      const planned = api.sendRequest(prepared.body);
      const headers = redactHeaders({ authorization: 'Bearer <token from SINCH_AUTH_URL>', 'content-type': 'application/json', accept: 'application/json' });
      if (json) io.stdout(JSON.stringify({ ok: true, sent: false, dryRun: true, request: { ...planned, headers } }) + '\n');
      else io.stdout(`${planned.method} ${planned.url}\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${JSON.stringify(planned.body, null, 2)}\n`);
      return exitCodes.ok;
    }
    const outcome = await sendPayload({ environment: cli.environment, keySecret: cli.keySecret, body: prepared.body, file: path.resolve(file), dispatcher, tokens: new TokenCache(dispatcher, { timeoutMs }), timeoutMs });
    if (!outcome.ok) {
      const code = outcome.kind === 'refused' ? exitCodes.usage : exitCodes.problems;
      return fail(code, outcome.kind, outcome.message, { sent: outcome.kind !== 'refused' && outcome.kind !== 'connection' ? 'unknown' : false, ...(outcome.status ? { status: outcome.status, response: outcome.entry.response?.body } : {}) });
    }
    if (json) io.stdout(JSON.stringify({ ok: true, sent: true, response: outcome.result.body }) + '\n');
    else {
      io.stdout(JSON.stringify(outcome.result.body) + '\n');
      io.stderr(`Accepted: message_id ${outcome.entry.messageId ?? '?'} at ${outcome.entry.acceptedTime ?? '?'} (${outcome.entry.recipient}, project ${cli.environment.projectId}, region ${cli.environment.region}).\n`);
    }
    return exitCodes.ok;
  } finally {
    await dispatcher.close();
  }
}

function brief(d: Diagnostic) {
  return { severity: d.severity, code: d.code, message: d.message, pointer: d.pointer, line: d.range.start.line + 1, column: d.range.start.character + 1 };
}
