import { type CheckResult, checkText } from '../core/check';
import { type Diagnostic, compareDiagnostics } from '../core/diagnostic';
import { defaultMaxFileSizeMB, payloadFilePatternsText } from '../core/payloadFiles';
import { parseCommandArgs } from './args';
import { type CliIO, UsageError, exitCodes } from './io';
import { escapeForTerminal } from './outputText';
import { type Skipped, expandTargets, readPayloadFile, skippedDirectories } from './payloadFiles';

export const mediaTimeoutRange = { min: 500, max: 60_000, default: 5000 } as const;
export const mediaDeadlineRange = { min: 1, max: 3600 } as const;

export const checkUsage = `Usage: convapi-line check [options] <file|dir>...

Checks Conversation API payload files against LINE's rules. Directories are searched for ${payloadFilePatternsText}
files, skipping ${[...skippedDirectories.keys()].map((d) => `${d}/`).join(', ')} at any depth (build output and dependencies hold
copies, not sources); a file named on the command line is checked whatever its name. Each file is reported once.
What a search passes over (those directories, dangling links, unreadable entries) is listed on stderr.
Exit code 0 when no file has an error, 1 when any has, 2 for a usage error or a directory with no payload file.

Options:
  --json                 print {"files":[{"file","diagnostics":[…]}],"skipped":[{"path","reason"}]} on stdout
                         instead of compiler-style lines (a finding inside explicit_channel_message.LINE adds
                         "innerPointer", its place in the string)
  --allow-empty          a directory with no payload file is a warning, not exit code 2
  --max-size MB          largest file read, in megabytes (default ${defaultMaxFileSizeMB}); only regular files are read
  --media                also fetch each media URL's headers (HEAD and at most 64 KB of an image) and check the
                         real file: reachable, content type, size, image width and aspect ratio, TLS 1.2+
  --media-timeout MS     time for one URL, all its requests and redirects included (${mediaTimeoutRange.min}–${mediaTimeoutRange.max},
                         default ${mediaTimeoutRange.default})
  --media-deadline S     time for all media checks of the run; URLs not checked by then are reported as such
                         (${mediaDeadlineRange.min}–${mediaDeadlineRange.max} seconds, default: none)
  --media-allow-private  fetch media on private, loopback and link-local addresses (local testing; LINE cannot)
  -h, --help             show this help
`;

const options = {
  json: { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  'max-size': { type: 'string' },
  media: { type: 'boolean' },
  'media-timeout': { type: 'string' },
  'media-deadline': { type: 'string' },
  'media-allow-private': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

export interface MediaRunOptions {
  timeoutMs: number;
  deadlineMs?: number;
  allowPrivate: boolean;
}

function numberOption(name: string, text: string | undefined, range: { min: number; max: number }, unit: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < range.min || n > range.max) {
    throw new UsageError(`--${name} takes ${unit} from ${range.min} to ${range.max}, not "${escapeForTerminal(text)}".`, checkUsage);
  }
  return n;
}

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs('check', argv, options, checkUsage);
  if (parsed.values.help) {
    io.stdout(checkUsage);
    return exitCodes.ok;
  }
  if (parsed.positionals.length === 0) throw new UsageError('check needs at least one file or directory.', checkUsage);
  const timeoutMs = numberOption('media-timeout', parsed.values['media-timeout'], mediaTimeoutRange, 'milliseconds') ?? mediaTimeoutRange.default;
  if (!Number.isInteger(timeoutMs)) throw new UsageError(`--media-timeout takes a whole number of milliseconds, not "${parsed.values['media-timeout']}".`, checkUsage);
  const deadlineSeconds = numberOption('media-deadline', parsed.values['media-deadline'], mediaDeadlineRange, 'seconds');
  const maxSizeMB = numberOption('max-size', parsed.values['max-size'], { min: 0.001, max: 4096 }, 'megabytes') ?? defaultMaxFileSizeMB;
  const maxBytes = Math.floor(maxSizeMB * 1024 * 1024);

  const targets = expandTargets(parsed.positionals);
  const media: MediaRunOptions = { timeoutMs, deadlineMs: deadlineSeconds === undefined ? undefined : deadlineSeconds * 1000, allowPrivate: parsed.values['media-allow-private'] === true };
  // Without --media, only the findings outlive a file's check: a thousand parsed documents held to the end would
  // cost more in garbage collection than checking them does.
  const keepResults = parsed.values.media === true;
  const checked: CheckedFile[] = [];
  // Links and repeated names were folded by path already; hard links to one file are folded by what its read found.
  const seen = new Set<string>();
  for (const t of targets.files) {
    const one = checkFile(t.path, maxBytes);
    if (one.identity !== undefined) {
      if (seen.has(one.identity)) continue;
      seen.add(one.identity);
    }
    checked.push(keepResults ? { file: t.display, diagnostics: one.diagnostics, result: one.result } : { file: t.display, diagnostics: one.diagnostics });
  }
  const reports: FileReport[] = keepResults ? await withMedia(checked, media) : checked;
  io.stdout(parsed.values.json ? formatJson(reports, targets.skipped) : formatText(reports));
  if (targets.skipped.length > 0) io.stderr(describeSkipped(targets.skipped));
  if (!parsed.values.json) io.stderr(summary(reports));
  if (targets.emptyDirectories.length > 0) {
    const where = targets.emptyDirectories.map(escapeForTerminal).join(', ');
    if (!parsed.values['allow-empty']) {
      io.stderr(`convapi-line check: no payload file (${payloadFilePatternsText}) in ${where}; nothing was checked there. Name the files, or pass --allow-empty.\n`);
      return exitCodes.usage;
    }
    io.stderr(`convapi-line check: warning: no ${payloadFilePatternsText} file in ${where}\n`);
  }
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? exitCodes.problems : exitCodes.ok;
}

const zero = { line: 0, character: 0 };

function fileProblem(code: string, message: string): Diagnostic {
  return { severity: 'error', code, message, pointer: '', range: { start: zero, end: zero }, offset: 0, length: 0 };
}

interface CheckedFile {
  file: string;
  diagnostics: Diagnostic[];
  result?: CheckResult;
}

/**
 * Reads (a regular file, within the size limit, as UTF-8) and checks one payload file. `identity` (device and
 * inode) is there when the file could be opened.
 */
export function checkFile(path: string, maxBytes = defaultMaxFileSizeMB * 1024 * 1024): { diagnostics: Diagnostic[]; result?: CheckResult; identity?: string } {
  const decoded = readPayloadFile(path, maxBytes);
  if ('unreadable' in decoded) return { diagnostics: [fileProblem('file.unreadable', `Cannot read the file: ${decoded.unreadable}.`)] };
  const { identity } = decoded;
  if (decoded.text === undefined) return { diagnostics: [fileProblem('file.encoding', decoded.problem!.message)], identity };
  const result = checkText(decoded.text);
  if (decoded.problem) {
    const { offset } = decoded.problem;
    const encoding: Diagnostic = { ...fileProblem('file.encoding', decoded.problem.message), offset, length: 1, range: result.document.rangeOf(offset, 1) };
    result.diagnostics = [encoding, ...result.diagnostics].sort(compareDiagnostics);
  }
  return { diagnostics: result.diagnostics, result, identity };
}

/** One checker for the whole run, so a URL used by many files is fetched once. */
async function withMedia(checked: CheckedFile[], options: MediaRunOptions): Promise<FileReport[]> {
  // Loaded on demand: the HTTP client is most of the CLI's start-up time, and most checks never use it.
  const { MediaChecker, checkDocumentMedia } = await import('../core/media');
  const checker = new MediaChecker({ timeoutMs: options.timeoutMs, allowPrivateAddresses: options.allowPrivate });
  const deadline = options.deadlineMs === undefined ? undefined : AbortSignal.timeout(options.deadlineMs);
  try {
    return await Promise.all(
      checked.map(async ({ file, diagnostics, result }) => {
        if (!result || result.document.syntaxProblems.length > 0) return { file, diagnostics };
        const media = await checkDocumentMedia(checker, result, { deadline });
        const all = [...diagnostics, ...media].sort(compareDiagnostics);
        return { file, diagnostics: all };
      }),
    );
  } finally {
    await checker.close();
  }
}

export function formatJson(reports: FileReport[], skipped: Skipped[] = []): string {
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
  return JSON.stringify({ files, skipped }) + '\n';
}

/** `file:line:col severity code message`, one finding a line; payload text and file names escaped. */
export function formatText(reports: FileReport[]): string {
  let out = '';
  for (const r of reports) {
    const file = escapeForTerminal(r.file);
    for (const d of r.diagnostics) {
      out += `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${escapeForTerminal(d.message)}\n`;
    }
  }
  return out;
}

function describeSkipped(skipped: Skipped[]): string {
  const shown = skipped.slice(0, 20).map((s) => `${escapeForTerminal(s.path)} (${escapeForTerminal(s.reason)})`);
  const more = skipped.length > shown.length ? `, and ${skipped.length - shown.length} more (see --json)` : '';
  return `convapi-line check: skipped ${skipped.length}: ${shown.join(', ')}${more}\n`;
}

function summary(reports: FileReport[]): string {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) for (const d of r.diagnostics) counts[d.severity]++;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(reports.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information.\n`;
}
