/**
 * Removes secrets from text on its way to a log, an error message or a file: every known secret value (key
 * secret, tokens, LINE credentials) and anything after `Bearer ` or `Basic `.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Secrets shorter than 4 characters are not tracked: replacing them would garble ordinary text. */
  add(...values: (string | undefined)[]): this {
    for (const v of values) if (v && v.length >= 4) this.#secrets.add(v);
    return this;
  }

  redact(text: string): string {
    let out = text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***');
    for (const s of [...this.#secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return out;
  }

  /** A JSON value with every string in it redacted (an API error body may quote what it received). */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v)) as T;
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactValue(v)])) as T;
    }
    return value;
  }

  redactError(error: unknown): string {
    return this.redact(error instanceof Error ? error.message : String(error));
  }
}

/** Headers fit to show: the authorization value elided. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = k.toLowerCase() === 'authorization' ? v.replace(/^(\w+)\s.*$/, '$1 ***') : v;
  return out;
}
