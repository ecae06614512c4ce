import type { FormattingOptions } from 'jsonc-parser';

/** The file's own indentation, so inserted JSON looks like the rest of it. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (!indented) return { insertSpaces: true, tabSize: 2, eol };
  const indent = indented[1]!;
  if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent.length, eol };
}

export function stringify(value: unknown, options: FormattingOptions): string {
  const json = JSON.stringify(value, null, options.insertSpaces ? options.tabSize ?? 2 : '\t');
  return options.eol && options.eol !== '\n' ? json.replace(/\n/g, options.eol) : json;
}
