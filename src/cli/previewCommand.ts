import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { renderPage } from '../core/render/renderPage';
import { checkFile, formatText } from './checkCommand';
import { parseCommandArgs } from './args';
import { type CliIO, UsageError, exitCodes } from './io';

export const previewUsage = `Usage: convapi-line preview <file> --out <file.html> [--theme light|dark]

Writes a self-contained HTML page that shows the payload as LINE draws it, with LINE's problems marked on it.
The page has no script and loads nothing but the payload's own media (and LINE's image of a sticker).

Options:
  -o, --out <file.html>   where to write the page (required); never the payload itself, and an existing file
                          only when it is an HTML page (or with --force)
      --force             replace an existing --out file that is not an HTML page
      --theme light|dark  LINE's light (default) or dark chat
  -h, --help              show this help

Exit codes: 0 page written (whatever problems it shows), 1 file unreadable or not JSON, 2 usage error.
`;

const previewOptions = { out: { type: 'string', short: 'o' }, theme: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `convapi-line preview …`; `argv` holds the arguments after the `preview` subcommand. */
export async function runPreview(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs('preview', argv, previewOptions, previewUsage);
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(previewUsage);
    return exitCodes.ok;
  }
  if (positionals.length === 0) throw new UsageError('missing the payload <file>', previewUsage);
  if (positionals.length > 1) throw new UsageError(`expected one payload file, got ${positionals.length}: ${positionals.join(' ')}`, previewUsage);
  if (!values.out) throw new UsageError('missing --out <file.html>', previewUsage);
  const theme = values.theme ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme must be light or dark, not "${theme}"`, previewUsage);
  const file = positionals[0]!;
  const refusal = outRefusal(file, values.out, values.force === true);
  if (refusal) throw new UsageError(refusal, previewUsage);

  // The same reading and syntax reporting as `check`, so both commands describe a broken file alike.
  const { diagnostics, result } = checkFile(file);
  if (!result || result.document.root === undefined || result.document.syntaxProblems.length > 0) {
    io.stderr(formatText([{ file, diagnostics: diagnostics.filter((d) => d.code === 'json.syntax' || d.code === 'file.unreadable') }]));
    return exitCodes.problems;
  }

  const html = renderPage({ payload: result.document.value, diagnostics }, { theme, title: path.basename(file) });
  try {
    await writeFile(values.out, html, 'utf8');
  } catch (error) {
    io.stderr(`convapi-line preview: cannot write ${values.out}: ${describeFsError(error)}\n`);
    return exitCodes.problems;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  io.stdout(`Wrote ${values.out} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} marked in the preview)\n`);
  return exitCodes.ok;
}

/** Why the page must not be written at `out`, or undefined: a preview never destroys a payload or other work. */
function outRefusal(input: string, out: string, force: boolean): string | undefined {
  let target;
  try {
    target = statSync(out);
  } catch {
    return undefined;
  }
  try {
    const source = statSync(input);
    if (source.dev === target.dev && source.ino === target.ino) return `--out ${out} is the payload file itself; write the page to another file.`;
  } catch {
    // An unreadable input is reported by the check below.
  }
  if (target.isDirectory()) return `--out ${out} is a directory; name the page's file.`;
  if (!force && !looksLikeHtml(out)) return `--out ${out} exists and is not an HTML page; pass --force to replace it.`;
  return undefined;
}

function looksLikeHtml(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^(\ufeff)?\s*<(!doctype\s+html|html[\s>])/i.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such directory';
  if (e.code === 'EISDIR') return 'it is a directory';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  return e.message ?? String(error);
}
