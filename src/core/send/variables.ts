const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

export type VariableLookup = (name: string) => string | undefined;

export interface Resolution {
  text: string;
  /** Each unresolved name once, in order of first use. */
  missing: string[];
  /** Names filled in, with where each value came from (never the value: a variable may hold a token). */
  used: { name: string; from: string }[];
}

/**
 * Fills `{{NAME}}` placeholders in a payload's JSON text. A value is escaped for a JSON string (placeholders sit
 * inside strings), so a quote or newline in it cannot break the payload's structure.
 */
export function resolveVariables(text: string, sources: { name: string; lookup: VariableLookup }[]): Resolution {
  const missing: string[] = [];
  const used: Resolution['used'] = [];
  const resolved = text.replace(placeholder, (whole, name: string) => {
    for (const source of sources) {
      const value = source.lookup(name);
      if (value !== undefined) {
        if (!used.some((u) => u.name === name)) used.push({ name, from: source.name });
        return JSON.stringify(value).slice(1, -1);
      }
    }
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: resolved, missing, used };
}

export function fromRecord(record: Record<string, string>): VariableLookup {
  return (name) => (Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined);
}

export function unresolvedMessage(missing: readonly string[], where: string): string {
  const list = missing.map((n) => `{{${n}}}`).join(', ');
  return `Nothing was sent: ${missing.length === 1 ? 'a variable is' : `${missing.length} variables are`} not defined: ${list}. Define ${missing.length === 1 ? 'it' : 'them'} ${where}.`;
}
