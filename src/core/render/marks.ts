import type { Diagnostic } from '../diagnostic';
import { truncateToLimit } from '../line/textLength';
import { escapeHtml } from './escape';
import { icons } from './icons';
import type { Origin, TextPart } from './lineView';
import type { ProblemBoard } from './problemBoard';

/** `data-pointer` lets a click reveal the part in the editor; the pointer is the editor's, not the inner one. */
export function pointerAttribute(origin: Origin): string {
  return ` data-pointer="${escapeHtml(origin.pointer)}"`;
}

/** Errors and warnings mark the part itself; information only adds a note. */
export function problemAttribute(problems: readonly Diagnostic[]): string {
  if (problems.some((d) => d.severity === 'error')) return ' data-problem="error"';
  if (problems.some((d) => d.severity === 'warning')) return ' data-problem="warning"';
  return '';
}

export function problemNotes(problems: readonly Diagnostic[]): string {
  return problems.map(problemNote).join('');
}

export function problemNote(d: Diagnostic): string {
  const severity = d.severity === 'error' || d.severity === 'warning' ? d.severity : 'info';
  return (
    `<div class="lp-note" data-part="problem" data-severity="${severity}" data-code="${escapeHtml(d.code)}"${pointerAttribute(d)}>` +
    `${icons[severity]}<span>${escapeHtml(d.message)}</span></div>`
  );
}

/**
 * A text as LINE would take it: when a diagnostic reports a length limit for this very value, the characters
 * beyond the limit are highlighted after a cut mark, which is where LINE refuses (or cuts) it.
 */
export function limitedText(part: TextPart, board: ProblemBoard): string {
  const limit = board.limitAt(part);
  if (limit === undefined || part.value.length <= limit) return escapeHtml(part.value);
  const kept = truncateToLimit(part.value, limit, board.unitAt(part));
  return (
    escapeHtml(kept) +
    `<span class="lp-cut" aria-hidden="true"></span>` +
    `<mark class="lp-overflow" data-part="overflow" title="Beyond LINE's limit of ${limit} characters">${escapeHtml(part.value.slice(kept.length))}</mark>`
  );
}
