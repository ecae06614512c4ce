import type { DiagnosticData, Severity } from '../diagnostic';
import type { JsonDocument } from '../json/jsonDocument';
import type { PayloadAnatomy } from '../payload/anatomy';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  pointer: string;
  /** The pointer inside a JSON document held by the string at `pointer` (see Diagnostic.innerPointer). */
  innerPointer?: string;
  /** Which part of the pointed-at property to underline; defaults to the value. */
  span?: 'value' | 'key';
  /** An exact span in the text, when the finding sits inside a value (a JSON string holding JSON). */
  at?: { offset: number; length: number };
  data?: DiagnosticData;
}

export interface RuleContext {
  readonly document: JsonDocument;
  readonly payload: unknown;
  readonly anatomy: PayloadAnatomy;
  report(finding: Finding): void;
}

/** A LINE rule that a JSON Schema cannot state. Rules read the parsed payload and never throw on odd shapes. */
export type Rule = (context: RuleContext) => void;
