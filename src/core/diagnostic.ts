export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** 0-based, `character` in UTF-16 code units: the same convention as VS Code and LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * One finding about a payload. `code` is stable: quick fixes, documentation and CI filters key on it.
 * `offset`/`length` address the same span as `range` in the text, for edits.
 */
export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** RFC 6901 JSON pointer of the offending value ('' for the whole document). */
  pointer: string;
  /**
   * For a finding inside a JSON document embedded in a string value (explicit_channel_message.LINE): the pointer
   * inside that document, e.g. /messages/0/contents. `pointer` stays at the string property.
   */
  innerPointer?: string;
  range: Range;
  offset: number;
  length: number;
  /** Facts a quick fix needs (the limit, the actual value…); never shown as text. */
  data?: DiagnosticData;
}

export interface DiagnosticData {
  limit?: number;
  actual?: number;
  /** How `limit` and `actual` count characters: UTF-16 code units unless LINE counts grapheme clusters there. */
  unit?: 'utf16' | 'grapheme';
  /** Over `limit` by one count only, and within LINE's own: LINE shows the whole text. */
  lineAccepts?: boolean;
  [key: string]: unknown;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Text order, and the more severe first at the same place: how reports and the Problems panel read best. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.offset - b.offset || severityRank[a.severity] - severityRank[b.severity];
}
