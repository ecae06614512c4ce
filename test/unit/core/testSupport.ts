// Helpers shared by the core, rule and contract tests. Imports src/core only.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { type CheckOptions, type CheckResult, checkText } from '../../../src/core/check';
import type { Diagnostic, Severity } from '../../../src/core/diagnostic';
import { LineIndex } from '../../../src/core/json/lineIndex';

/** The repository root: the first folder above this (bundled) file holding package.json and schemas/. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'schemas'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
}

/** A file under test/fixtures: the vendored contracts and the spec page's examples live there, inside the repository. */
export function fixturePath(...segments: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...segments);
}

export function readFixture(...segments: string[]): string {
  return readFileSync(fixturePath(...segments), 'utf8');
}

/** The spec page's JSON examples (test/fixtures/spec), in page order. */
export function specExamples(): { name: string; text: string }[] {
  return readdirSync(fixturePath('spec'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFixture('spec', name) }));
}

/** A complete messages:send body around `message`, pretty-printed as people write it. */
export function payload(message: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { app_id: '01EXAMPLEAPP', recipient: { contact_id: '01EXAMPLECONTACT' }, message, ...extra };
}

export function text(message: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(payload(message, extra), null, 2);
}

export function check(source: string | object, options?: CheckOptions): CheckResult {
  return checkText(typeof source === 'string' ? source : JSON.stringify(source, null, 2), options);
}

/** A compact one-line description per diagnostic, for assertion messages. */
export function listDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.length === 0 ? '(none)' : diagnostics.map((d) => `${d.severity} ${d.code} at ${d.pointer || '(root)'}: ${d.message}`).join('\n');
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

export function withCode(result: CheckResult, code: string): Diagnostic[] {
  return result.diagnostics.filter((d) => d.code === code);
}

/** The single diagnostic with this code; fails, listing every diagnostic, when there is none or several. */
export function only(result: CheckResult, code: string): Diagnostic {
  const found = withCode(result, code);
  assert.equal(found.length, 1, `expected exactly one ${code}, got:\n${listDiagnostics(result.diagnostics)}`);
  return found[0]!;
}

export function assertNone(result: CheckResult, code: string): void {
  assert.equal(withCode(result, code).length, 0, `expected no ${code}, got:\n${listDiagnostics(result.diagnostics)}`);
}

/** No diagnostic at all, of any severity. */
export function assertClean(result: CheckResult): void {
  assert.deepEqual(result.diagnostics, [], `expected no diagnostics, got:\n${listDiagnostics(result.diagnostics)}`);
}

export function assertNoErrors(result: CheckResult): void {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, `expected no errors, got:\n${listDiagnostics(result.diagnostics)}`);
}

export function assertSeverity(d: Diagnostic, severity: Severity): void {
  assert.equal(d.severity, severity, `${d.code} should be ${severity}: ${d.message}`);
}

/** The text a diagnostic underlines. */
export function underlined(result: CheckResult, d: Diagnostic): string {
  return result.document.text.slice(d.offset, d.offset + d.length);
}

/**
 * Checks that a diagnostic's range, offset and length agree with each other and with the text, using an
 * independent line computation (split on \r\n, \r, \n).
 */
export function assertRangeConsistent(textValue: string, d: Diagnostic): void {
  assert.ok(d.offset >= 0 && d.length >= 0 && d.offset + d.length <= textValue.length, `${d.code}: span ${d.offset}+${d.length} outside a text of ${textValue.length}`);
  const position = (offset: number) => {
    const before = textValue.slice(0, offset);
    const lines = before.split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  };
  // An offset between \r and \n belongs to the line the \r ends; LineIndex and the split agree on all others.
  if (!(textValue[d.offset - 1] === '\r' && textValue[d.offset] === '\n')) assert.deepEqual(d.range.start, position(d.offset), `${d.code}: range.start`);
  const end = d.offset + d.length;
  if (!(textValue[end - 1] === '\r' && textValue[end] === '\n')) assert.deepEqual(d.range.end, position(end), `${d.code}: range.end`);
}

/** Line/character of the first occurrence of `needle` (at or after `from`) in `haystack`. */
export function positionOf(haystack: string, needle: string, from = 0): { offset: number; line: number; character: number } {
  const offset = haystack.indexOf(needle, from);
  assert.ok(offset >= 0, `"${needle}" not found in the text`);
  const p = new LineIndex(haystack).positionAt(offset);
  return { offset, ...p };
}

/**
 * Asserts the diagnostic underlines exactly the JSON string literal `"value"` of `key` (quotes included),
 * checking line and character of both ends against the text.
 */
export function assertUnderlinesString(result: CheckResult, d: Diagnostic, key: string, value: string): void {
  const textValue = result.document.text;
  const literal = JSON.stringify(value);
  const keyAt = textValue.indexOf(JSON.stringify(key) + ': ' + literal);
  assert.ok(keyAt >= 0, `"${key}": ${literal.slice(0, 40)} not found in the text`);
  const start = keyAt + JSON.stringify(key).length + 2;
  const lines = new LineIndex(textValue);
  assert.equal(d.offset, start, `${d.code} should start at the opening quote`);
  assert.equal(d.length, literal.length, `${d.code} should cover the whole literal`);
  assert.deepEqual(d.range.start, lines.positionAt(start));
  assert.deepEqual(d.range.end, lines.positionAt(start + literal.length));
  assert.equal(underlined(result, d), literal);
}

export const repeat = (s: string, n: number): string => s.repeat(n);

