/**
 * Payload text in a terminal or a CI log: control characters (newlines, escape sequences, carriage returns) and
 * bidirectional overrides are shown as escapes, so a property name cannot forge a line that looks like another
 * finding, set the terminal title, or start a CI workflow command (`::error …`).
 */
export function escapeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}
