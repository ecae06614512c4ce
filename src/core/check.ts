import { type Diagnostic, compareDiagnostics } from './diagnostic';
import { JsonDocument } from './json/jsonDocument';
import { type PayloadAnatomy, anatomize } from './payload/anatomy';
import { placeFinding } from './placeFinding';
import { allRules } from './rules/allRules';
import type { Finding, RuleContext } from './rules/ruleContext';
import { sendMessageValidator } from './schema/schemas';

export interface CheckOptions {
  /**
   * Leave out what VS Code's JSON language service already reports for a document it validates against our schema
   * (syntax errors, schema errors), so the editor never shows the same problem twice. The CLI keeps both.
   */
  omitSyntax?: boolean;
  omitSchema?: boolean;
}

export interface CheckResult {
  document: JsonDocument;
  anatomy: PayloadAnatomy;
  diagnostics: Diagnostic[];
}

/** Checks a payload text against the schema and every LINE rule. Never throws on any input text. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  return checkDocument(new JsonDocument(text), options);
}

export function checkDocument(document: JsonDocument, options: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const anatomy = anatomize(document.value);
  const report = (f: Finding) => diagnostics.push(placeFinding(document, f));

  if (document.syntaxProblems.length > 0 || document.root === undefined) {
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
    return { document, anatomy, diagnostics };
  }

  if (!options.omitSchema) {
    for (const p of sendMessageValidator().check(document.value)) {
      report({ code: p.code, severity: p.severity, message: p.message, pointer: p.pointer, span: p.span });
    }
  }
  const context: RuleContext = { document, payload: document.value, anatomy, report };
  for (const rule of allRules) {
    try {
      rule(context);
    } catch (error) {
      // A rule bug must not hide every other finding, nor crash the editor or the CLI.
      report({ code: 'internal.rule-failed', severity: 'warning', pointer: '', message: `Internal error in a check: ${(error as Error).message}` });
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { document, anatomy, diagnostics };
}
