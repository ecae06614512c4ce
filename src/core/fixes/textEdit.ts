/** An edit in plain offsets, so the core stays free of editor types; adapters map it to their own ranges. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface NewPayloadFile {
  /** Suffix for the new file's name, before `.line.json` (e.g. `part2`). */
  nameSuffix: string;
  content: string;
}

export interface Fix {
  title: string;
  /** The diagnostic code this fix answers. */
  code: string;
  edits: TextEdit[];
  /** Safe to apply without looking (VS Code's auto-fix applies preferred fixes). */
  isPreferred: boolean;
  newFiles?: NewPayloadFile[];
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.offset) + e.newText + result.slice(e.offset + e.length);
  return result;
}
