import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkText } from '../core/check';
import { renderPage } from '../core/render/renderPage';

export const previewUsage = `Usage: convapi-line preview <file> --out <file.html> [--theme light|dark]

Writes a self-contained HTML page that shows the payload as LINE draws it, with LINE's problems marked on it.
The page has no script and loads nothing but the payload's own media.

Options:
  -o, --out <file.html>   where to write the page (required)
      --theme light|dark  LINE's light (default) or dark chat
  -h, --help              show this help

Exit codes: 0 page written (whatever problems it shows), 1 file unreadable or not JSON, 2 usage error.`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `convapi-line preview …`; `argv` holds the arguments after the `preview` subcommand. */
export async function runPreview(argv: string[], io: CliIo): Promise<number> {
  const usageError = (message: string) => {
    io.stderr(`convapi-line preview: ${message}\n\n${previewUsage}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: 'string', short: 'o' }, theme: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${previewUsage}\n`);
    return 0;
  }
  if (positionals.length === 0) return usageError('missing the payload <file>');
  if (positionals.length > 1) return usageError(`expected one payload file, got ${positionals.length}: ${positionals.join(' ')}`);
  if (!values.out) return usageError('missing --out <file.html>');
  const theme = values.theme ?? 'light';
  if (theme !== 'light' && theme !== 'dark') return usageError(`--theme must be light or dark, not "${theme}"`);
  const file = positionals[0]!;

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`convapi-line preview: cannot read ${file}: ${describeFsError(error)}\n`);
    return 1;
  }
  // Editors on Windows may save a byte-order mark; it is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const result = checkText(text);
  const { document } = result;
  if (document.root === undefined || document.syntaxProblems.length > 0) {
    const problems = text.trim() === '' ? [{ message: 'The file is empty: a payload is a JSON object', offset: 0 }] : document.syntaxProblems;
    for (const p of problems) {
      const at = document.lines.positionAt(p.offset);
      io.stderr(`${file}:${at.line + 1}:${at.character + 1}: error: ${p.message} (not valid JSON)\n`);
    }
    return 1;
  }

  const html = renderPage({ payload: document.value, diagnostics: result.diagnostics }, { theme, title: path.basename(file) });
  try {
    await writeFile(values.out, html, 'utf8');
  } catch (error) {
    io.stderr(`convapi-line preview: cannot write ${values.out}: ${describeFsError(error)}\n`);
    return 1;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  io.stdout(`Wrote ${values.out} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} marked in the preview)\n`);
  return 0;
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'it is a directory';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  return e.message ?? String(error);
}
