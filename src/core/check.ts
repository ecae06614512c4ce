import { type Diagnostic, type Severity, compareDiagnostics, severityRank } from './diagnostic';
import { JsonDocument } from './json/jsonDocument';
import { type PayloadAnatomy, anatomize } from './payload/anatomy';
import { placeFindings } from './placeFinding';
import { allRules } from './rules/allRules';
import type { Finding, RuleContext } from './rules/ruleContext';
import { sendMessageValidator } from './schema/schemas';

export interface CheckOptions {
  /**
   * Leave out what VS Code's JSON language service already reports for a document it validates against our schema
   * (syntax errors, duplicate keys, schema errors), so the editor never shows the same problem twice. The CLI keeps
   * all of them.
   */
  omitSyntax?: boolean;
  omitSchema?: boolean;
}

export interface CheckResult {
  document: JsonDocument;
  anatomy: PayloadAnatomy;
  diagnostics: Diagnostic[];
}

/**
 * At most this many findings per file are placed and reported; the rest are counted in one summary finding. A
 * generated file with a million unknown keys stays a readable report, in bounded time and memory.
 */
export const maxFindingsPerFile = 1000;

/** Checks a payload text against the schema and every LINE rule. Never throws on any input text. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  return checkDocument(new JsonDocument(text), options);
}

export function checkDocument(document: JsonDocument, options: CheckOptions = {}): CheckResult {
  const findings: Finding[] = [];
  const report = (f: Finding) => {
    findings.push(f);
  };
  const uncounted = { error: 0, warning: 0 };
  let anatomy: PayloadAnatomy = anatomize(undefined);
  try {
    anatomy = anatomize(document.value);
    collectFindings(document, anatomy, options, report, uncounted);
  } catch (error) {
    // Whatever failed, the file is not known to be fine: an internal failure is never a pass.
    report(internalFailure(error));
  }
  return { document, anatomy, diagnostics: place(document, findings, uncounted) };
}

function collectFindings(document: JsonDocument, anatomy: PayloadAnatomy, options: CheckOptions, report: (f: Finding) => void, uncounted: { error: number; warning: number }): void {
  if (document.syntaxProblems.length > 0 || document.value === undefined) {
    if (!options.omitSyntax) {
      const problems = document.text.trim() === '' ? [{ message: 'The file is empty: a payload is a JSON object', offset: 0, length: 0 }] : document.syntaxProblems;
      // jsonc-parser's recovery often reports several problems at one spot; the first one names the cause.
      const seenOffsets = new Set<number>();
      for (const p of problems) {
        if (seenOffsets.has(p.offset)) continue;
        seenOffsets.add(p.offset);
        report({ severity: 'error', code: 'json.syntax', message: `${p.message}.`, pointer: '', at: { offset: p.offset, length: p.length } });
      }
    }
    // Rules on a half-parsed document would report the damage, not the payload: fix the syntax first.
    return;
  }
  if (!options.omitSyntax) {
    for (const d of document.duplicateKeys) {
      report({
        severity: 'warning',
        code: 'json.duplicate-key',
        pointer: '',
        at: { offset: d.offset, length: d.length },
        message: `Duplicate property ${JSON.stringify(d.key)}: only one of its values reaches the API and LINE (usually this last one), and the earlier one is silently lost.`,
      });
    }
  }
  for (const s of document.loneSurrogates) {
    report({
      severity: 'warning',
      code: 'text.lone-surrogate',
      pointer: s.pointer,
      span: s.inKey ? 'key' : 'value',
      message: `This ${s.inKey ? 'property name' : 'string'} holds half of a surrogate pair (an escape such as \\ud800 without its partner): it is not a character, and LINE shows it as �.`,
    });
  }
  if (!options.omitSchema) {
    const { problems, more } = sendMessageValidator().checkCapped(document.value, maxFindingsPerFile + 1);
    for (const p of problems) {
      report({ code: p.code, severity: p.severity, message: p.message, pointer: p.pointer, span: p.span });
    }
    uncounted.error += more.error;
    uncounted.warning += more.warning;
  }
  const context: RuleContext = { document, payload: document.value, anatomy, report };
  // An index, not for…of: this runs for every file of a CLI run, mostly before V8 optimizes it, where an iterator
  // is an object per step.
  for (let i = 0; i < allRules.length; i++) {
    const rule = allRules[i]!;
    try {
      rule(context);
    } catch (error) {
      // A rule bug must not hide every other finding, nor crash the editor or the CLI.
      report(internalFailure(error));
    }
  }
}

function internalFailure(error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal.rule-failed', severity: 'error', pointer: '', at: { offset: 0, length: 0 }, message: `Internal error in a check, so this file could not be fully checked: ${message}` };
}

/** Places the findings (the most severe first when there are too many), in text order, with the rest counted. */
function place(document: JsonDocument, findings: Finding[], uncounted: { error: number; warning: number }): Diagnostic[] {
  let kept = findings;
  let summary: Finding | undefined;
  if (findings.length + uncounted.error + uncounted.warning > maxFindingsPerFile) {
    const ranked = findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank[a.f.severity] - severityRank[b.f.severity] || a.i - b.i);
    kept = ranked.slice(0, maxFindingsPerFile).map((r) => r.f);
    const counts: Record<Severity, number> = { error: uncounted.error, warning: uncounted.warning, information: 0, hint: 0 };
    for (const r of ranked.slice(maxFindingsPerFile)) counts[r.f.severity]++;
    const total = counts.error + counts.warning + counts.information + counts.hint;
    const order = ['error', 'warning', 'information', 'hint'] as const;
    const parts = order.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${s === 'error' || s === 'warning' ? (counts[s] === 1 ? '' : 's') : ''}`);
    summary = {
      code: 'check.too-many-findings',
      severity: order.find((s) => counts[s] > 0) ?? 'information',
      pointer: '',
      at: { offset: 0, length: 0 },
      message: `${total} more finding${total === 1 ? '' : 's'} not listed (${parts.join(', ')}): only the first ${maxFindingsPerFile} of a file are reported.`,
    };
  }
  const diagnostics = placeFindings(document, summary ? [...kept, summary] : kept);
  diagnostics.sort(compareDiagnostics);
  return diagnostics;
}
