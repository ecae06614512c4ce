import { readFileSync } from 'node:fs';
import { type CheckResult, checkText } from '../core/check';
import { type Diagnostic, compareDiagnostics } from '../core/diagnostic';
import { parseCommandArgs } from './args';
import { type CliIO, UsageError, exitCodes } from './io';
import { expandTargets } from './payloadFiles';
import { stripBom } from '../core/payloadFiles';

export const checkUsage = `Usage: convapi-line check [--json] [--media] <file|dir>...

Checks Conversation API payload files against LINE's rules. Directories are searched for *.line.json and
*.convapi.json files. Exit code 0 when no file has an error, 1 when any has, 2 for a usage error.

Options:
  --json               print {"files":[{"file","diagnostics":[…]}]} on stdout instead of compiler-style lines
                       (a finding inside explicit_channel_message.LINE adds "innerPointer", its place in the string)
  --media              also fetch each media URL's headers (HEAD and at most 64 KB of an image) and check the
                       real file: reachable, content type, size, image width and aspect ratio, TLS 1.2+
  --media-timeout MS   timeout of one media request (default 5000)
  -h, --help           show this help
`;

const checkOptions = {
  json: { type: 'boolean' },
  media: { type: 'boolean' },
  'media-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs('check', argv, checkOptions, checkUsage);
  if (parsed.values.help) {
    io.stdout(checkUsage);
    return exitCodes.ok;
  }
  if (parsed.positionals.length === 0) throw new UsageError('check needs at least one file or directory.', checkUsage);

  const timeoutText = parsed.values['media-timeout'];
  const timeoutMs = timeoutText === undefined ? 5000 : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--media-timeout takes a whole number of milliseconds, not "${timeoutText}".`, checkUsage);

  const targets = expandTargets(parsed.positionals);
  for (const directory of targets.emptyDirectories) io.stderr(`convapi-line check: warning: no *.line.json or *.convapi.json file in ${directory}\n`);
  const checked = targets.files.map((t) => ({ file: t.display, ...checkFile(t.path) }));
  const reports: FileReport[] = parsed.values.media ? await withMedia(checked, timeoutMs) : checked.map(({ file, diagnostics }) => ({ file, diagnostics }));
  io.stdout(parsed.values.json ? formatJson(reports) : formatText(reports));
  if (!parsed.values.json) io.stderr(summary(reports));
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? exitCodes.problems : exitCodes.ok;
}

export function checkFile(path: string): { diagnostics: Diagnostic[]; result?: CheckResult } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const zero = { line: 0, character: 0 };
    return { diagnostics: [{ severity: 'error', code: 'file.unreadable', message: `Cannot read the file: ${reason}.`, pointer: '', range: { start: zero, end: zero }, offset: 0, length: 0 }] };
  }
  const result = checkText(stripBom(text));
  return { diagnostics: result.diagnostics, result };
}

/** One checker for the whole run, so a URL used by many files is fetched once. */
async function withMedia(checked: { file: string; diagnostics: Diagnostic[]; result?: CheckResult }[], timeoutMs: number): Promise<FileReport[]> {
  // Loaded on demand: the HTTP client is most of the CLI's start-up time, and most checks never use it.
  const { MediaChecker, checkDocumentMedia } = await import('../core/media');
  const checker = new MediaChecker({ timeoutMs });
  try {
    return await Promise.all(
      checked.map(async ({ file, diagnostics, result }) => {
        if (!result || result.document.syntaxProblems.length > 0) return { file, diagnostics };
        const media = await checkDocumentMedia(checker, result);
        const all = [...diagnostics, ...media].sort(compareDiagnostics);
        return { file, diagnostics: all };
      }),
    );
  } finally {
    await checker.close();
  }
}

export function formatJson(reports: FileReport[]): string {
  const files = reports.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      pointer: d.pointer,
      // Only for findings inside an embedded JSON string (explicit_channel_message.LINE).
      ...(d.innerPointer !== undefined ? { innerPointer: d.innerPointer } : {}),
      range: d.range,
    })),
  }));
  return JSON.stringify({ files }) + '\n';
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function summary(reports: FileReport[]): string {
  const count = (s: Diagnostic['severity']) => reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === s).length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(reports.length, 'file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information.\n`;
}
