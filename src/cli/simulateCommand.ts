import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { maxCallbackBytes, readCallbackText } from '../core/simulate/callbackFile';
import { type CallbackToSend, type CheckRow, budgetAssumption, defaultBudgetMs, runContractTest, staleAgeSeconds } from '../core/simulate/contractTest';
import { PersonalizeError, personalizeCallback } from '../core/simulate/personalize';
import { callbackSamples, sampleByKind } from '../core/simulate/samples';
import { parseTargetUrl } from '../core/simulate/targetUrl';
import { parseCommandArgs } from './args';
import { type CliIO, UsageError, exitCodes } from './io';

export const simulateUsage = `Usage: convapi-line simulate --to <url> [--secret <secret> | --secret-env <VAR>] [--kind <kind>]...
                            [--file <f.callback.json>]... [--timeout <ms>] [--app-id <id>] [--contact-id <id>] [--json]

Posts Conversation API callbacks to a webhook handler, signed as Sinch signs them (x-sinch-webhook-signature over
body, fresh nonce and current timestamp), and checks the answers: every callback must get 2xx within the budget.
With --secret it is a contract test of the handler: a forged signature, a stale timestamp, a replayed request
and an unsigned one must be refused with 4xx; a body that is not JSON must not get a 5xx.
Exit code 0 when every check passes, 1 when any fails, 2 for a usage error.

Options:
  --to URL             the handler (http only on 127.0.0.1, ::1 or localhost; https elsewhere)
  --secret S           the webhook secret to sign with (without it, callbacks are sent unsigned)
  --secret-env VAR     read the secret from environment variable VAR (keeps it out of the process list)
  --kind K             a bundled sample (repeatable; default: every kind, or none when --file is given)
  --file F             a callback of your own, a *.callback.json file (repeatable)
  --timeout MS         the budget of one answer (default ${defaultBudgetMs}: an assumption, since the
                       Conversation API documents no callback timeout; Sinch's Voice API allows 5 s)
  --app-id ID          put this app id in the callbacks (every app_id)
  --contact-id ID      put this contact id in the callbacks (every contact_id)
  --json               print {"to","budgetMs","passed","results":[…]} on stdout instead of a table
  --list               list the bundled kinds and exit
  -h, --help           show this help
`;

const options = {
  to: { type: 'string' },
  secret: { type: 'string' },
  'secret-env': { type: 'string' },
  kind: { type: 'string', multiple: true },
  file: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'app-id': { type: 'string' },
  'contact-id': { type: 'string' },
  json: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runSimulate(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('simulate', argv, options, simulateUsage);
  if (values.help) {
    io.stdout(simulateUsage);
    return exitCodes.ok;
  }
  if (values.list) {
    io.stdout(callbackSamples().map((s) => `${s.kind.padEnd(34)}${s.trigger}\n`).join(''));
    return exitCodes.ok;
  }
  if (positionals.length > 0) throw new UsageError(`simulate takes no positional arguments (got "${positionals[0]}"); give the URL with --to.`, simulateUsage);
  if (values.to === undefined) throw new UsageError('simulate needs --to <url>, the handler to test.', simulateUsage);
  const target = parseTargetUrl(values.to);
  if ('error' in target) throw new UsageError(`--to ${target.error}.`);
  if (values.secret === '') throw new UsageError('--secret is empty; leave it out to send unsigned callbacks.', simulateUsage);
  if (values.secret !== undefined && values['secret-env'] !== undefined) throw new UsageError('give --secret or --secret-env, not both.');
  const secretVar = values['secret-env'];
  const secret = secretVar === undefined ? values.secret : process.env[secretVar];
  if (secretVar !== undefined && !secret) throw new UsageError(`--secret-env ${secretVar}: that environment variable is not set or empty.`);
  const budgetMs = values.timeout === undefined ? defaultBudgetMs : Number(values.timeout);
  if (!Number.isInteger(budgetMs) || budgetMs < 1 || budgetMs > 600_000) throw new UsageError(`--timeout takes a whole number of milliseconds (1 to 600000), not "${values.timeout}".`);

  const personalization = { appId: values['app-id'], contactId: values['contact-id'] };
  const callbacks: CallbackToSend[] = [];
  const kinds = values.kind ?? (values.file ? [] : callbackSamples().map((s) => s.kind));
  for (const kind of kinds) {
    const sample = sampleByKind(kind);
    if (!sample) throw new UsageError(`there is no sample of kind "${kind}"; the kinds are ${callbackSamples().map((s) => s.kind).join(', ')}.`);
    callbacks.push({ kind, body: personalizeCallback(sample.text, personalization) });
  }
  for (const file of values.file ?? []) callbacks.push(readCallbackFile(file, io, personalization));

  const rows = await runContractTest({
    url: target.url.href,
    secret,
    callbacks,
    budgetMs,
    onRow: values.json ? undefined : (row) => io.stderr(row.verdict === 'fail' ? '✗' : '.'),
  });
  const passed = rows.every((r) => r.verdict === 'pass');
  if (values.json) {
    io.stdout(`${JSON.stringify({ to: target.url.href, budgetMs, budgetNote: budgetAssumption, signed: secret !== undefined, passed, results: rows })}\n`);
  } else {
    io.stderr('\n');
    io.stdout(formatTable(rows));
    io.stdout(summary(rows, budgetMs, secret !== undefined));
  }
  return passed ? exitCodes.ok : exitCodes.problems;
}

function readCallbackFile(file: string, io: CliIO, personalization: { appId?: string; contactId?: string }): CallbackToSend {
  let text: string;
  try {
    // Not read at all when it is too big to be a callback: the file is untrusted input.
    const size = statSync(file).size;
    if (size > maxCallbackBytes) throw new UsageError(`--file ${file} is ${size} bytes, more than a callback can be (at most ${maxCallbackBytes}); nothing was sent.`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  const { body, problems } = readCallbackText(text);
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of problems.filter((p) => p.severity === 'warning')) io.stderr(`convapi-line simulate: warning: ${file}${p.pointer ? ` at ${p.pointer}` : ''}: ${p.message}\n`);
  if (errors.length > 0) {
    const list = errors.map((p) => `  ${file}${p.pointer ? ` at ${p.pointer}` : ''}: ${p.message}`).join('\n');
    throw new UsageError(`--file ${file} is not a callback, so nothing was sent:\n${list}`);
  }
  try {
    return { kind: basename(file).replace(/\.callback\.json$|\.json$/, ''), body: personalizeCallback(body, personalization) };
  } catch (error) {
    if (error instanceof PersonalizeError) throw new UsageError(`--file ${file}: ${error.message}, without --app-id and --contact-id.`);
    throw error;
  }
}

function formatTable(rows: readonly CheckRow[]): string {
  const cells = rows.map((r) => [r.check, r.kind, r.status === undefined ? '-' : String(r.status), `${r.latencyMs} ms`, r.verdict === 'pass' ? 'PASS' : 'FAIL', r.why]);
  const header = ['check', 'kind', 'status', 'latency', 'verdict', 'why'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}

function summary(rows: readonly CheckRow[], budgetMs: number, signed: boolean): string {
  const failed = rows.filter((r) => r.verdict === 'fail').length;
  const head = failed === 0 ? `\nAll ${rows.length} checks passed.` : `\n${failed} of ${rows.length} checks failed.`;
  const scope = signed
    ? ` Refusal checks: forged signature, timestamp ${staleAgeSeconds} s old, replayed nonce, unsigned.`
    : ' Sent unsigned: give --secret to check that the handler verifies signatures.';
  return `${head}${scope}\nBudget ${budgetMs} ms per answer (${budgetAssumption}).\n`;
}
