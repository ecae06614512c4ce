import type { ErrorObject } from 'ajv';
import type { Severity } from '../diagnostic';
import { childPointer } from '../json/pointer';

export interface SchemaProblem {
  pointer: string;
  code: string;
  message: string;
  severity: Severity;
  /** Underline the property's key rather than its value (unknown properties). */
  span: 'value' | 'key';
  /** The schema's limit, for a length or count problem. */
  data?: { limit: number };
}

/** What both ajv's compile and its standalone code produce. */
export interface ValidateFunction {
  (data: unknown): boolean;
  /** The errors of the last call, null when it passed. */
  errors?: ErrorObject[] | null;
}

export class SchemaValidator {
  readonly #validate: ValidateFunction;

  /**
   * Takes a compiled validator: the product's are generated at build time (see esbuild.mjs), since compiling takes
   * about 60 ms for send-message.schema.json and would pull ajv's compiler into every bundle.
   */
  constructor(validate: ValidateFunction) {
    this.#validate = validate;
  }

  check(value: unknown): SchemaProblem[] {
    return this.checkCapped(value, Infinity).problems;
  }

  /**
   * The first `max` problems described, and the rest only counted by severity: a generated file with a million
   * unknown properties costs a million cheap counts, not a million messages nobody reads.
   */
  checkCapped(value: unknown, max: number): { problems: SchemaProblem[]; more: { error: number; warning: number } } {
    if (this.#validate(value)) return { problems: [], more: { error: 0, warning: 0 } };
    return describeErrors(this.#validate.errors ?? [], max);
  }
}

const placeholderHint = ' (or a {{PLACEHOLDER}})';

function describeErrors(errors: ErrorObject[], max: number): { problems: SchemaProblem[]; more: { error: number; warning: number } } {
  // Alternatives by the instance path they judge: an error is a branch of one at its own path or an ancestor's,
  // found by walking up its path instead of comparing every error with every alternative.
  const alternativesAt = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const list = alternativesAt.get(e.instancePath);
    if (list) list.push(e);
    else alternativesAt.set(e.instancePath, [e]);
  }
  const isBranchOf = (e: ErrorObject, alt: ErrorObject) =>
    e !== alt && e.schemaPath.startsWith(alt.schemaPath + '/') && e.instancePath.startsWith(alt.instancePath);
  const branchOfAny = (e: ErrorObject) => {
    if (alternativesAt.size === 0) return false;
    for (let path = e.instancePath; ; path = path.slice(0, path.lastIndexOf('/'))) {
      if (alternativesAt.get(path)?.some((alt) => isBranchOf(e, alt))) return true;
      if (path === '') return false;
    }
  };
  const branchesOf = new Map<ErrorObject, ErrorObject[]>();
  if (alternativesAt.size > 0) {
    for (const e of errors) {
      for (let path = e.instancePath; ; path = path.slice(0, path.lastIndexOf('/'))) {
        for (const alt of alternativesAt.get(path) ?? []) {
          if (!isBranchOf(e, alt)) continue;
          const list = branchesOf.get(alt);
          if (list) list.push(e);
          else branchesOf.set(alt, [e]);
        }
        if (path === '') break;
      }
    }
  }
  const problems: SchemaProblem[] = [];
  const more = { error: 0, warning: 0 };
  const seen = new Set<string>();
  const add = (p: SchemaProblem) => {
    const key = p.pointer + '\u0000' + p.code;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(p);
  };

  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (branchOfAny(error)) continue;
    if (problems.length >= max) {
      // Counted, not described (nor deduplicated: beyond the cap a count is all that is shown).
      if (error.keyword === 'additionalProperties') more.warning++;
      else more.error++;
      continue;
    }
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      add(describeAlternatives(error, branchesOf.get(error) ?? []));
      continue;
    }
    add(describeError(error));
  }
  return { problems, more };
}

function describeAlternatives(alt: ErrorObject, branches: ErrorObject[]): SchemaProblem {
  // `anyOf: [{required: [a]}, {required: [b]}]`: one of several properties must be there.
  const missing = branches.filter((b) => b.keyword === 'required' && b.instancePath === alt.instancePath).map((b) => String(b.params.missingProperty));
  if (missing.length > 0 && missing.length === branches.length) {
    const names = missing.map((m) => `"${m}"`).join(' or ');
    return { pointer: alt.instancePath, code: 'schema.required', severity: 'error', span: 'value', message: `${alt.instancePath === '' ? 'The payload' : where(alt.instancePath)} needs ${names}.` };
  }
  const enumBranch = branches.find((b) => b.keyword === 'enum' && b.instancePath === alt.instancePath);
  const placeholderBranch = branches.some((b) => b.keyword === 'pattern' && /\\\{\\\{/.test(String(b.params.pattern)));
  if (enumBranch) {
    const allowed = (enumBranch.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return { pointer: alt.instancePath, code: 'schema.enum', severity: 'error', span: 'value', message: `${where(alt.instancePath)} must be one of ${allowed}${placeholderBranch ? placeholderHint : ''}.` };
  }
  const types = [...new Set(branches.filter((b) => b.keyword === 'type').map((b) => String(b.params.type)))];
  if (types.length === branches.length && types.length > 0) {
    return { pointer: alt.instancePath, code: 'schema.type', severity: 'error', span: 'value', message: `${where(alt.instancePath)} must be ${types.map(article).join(' or ')}.` };
  }
  return { pointer: alt.instancePath, code: 'schema.shape', severity: 'error', span: 'value', message: `${where(alt.instancePath)} does not match any of its allowed forms.` };
}

function describeError(e: ErrorObject): SchemaProblem {
  const at = e.instancePath;
  const p = e.params as Record<string, unknown>;
  const base = { pointer: at, severity: 'error' as Severity, span: 'value' as const };
  switch (e.keyword) {
    case 'required':
      return { ...base, pointer: childPointer(at, String(p.missingProperty)), code: 'schema.required', message: `${at === '' ? 'The payload' : where(at)} is missing the required property "${String(p.missingProperty)}".` };
    case 'additionalProperties':
      return {
        ...base,
        // ajv's instancePath is an escaped JSON pointer; the property name is raw and must be escaped too.
        pointer: childPointer(at, String(p.additionalProperty)),
        code: 'schema.unknown-property',
        severity: 'warning',
        span: 'key',
        message: `Unknown property "${String(p.additionalProperty)}" in ${at === '' ? 'the payload' : lastName(at)}; the API rejects or ignores it.`,
      };
    case 'type':
      return { ...base, code: 'schema.type', message: `${where(at)} must be ${article(String(p.type))}.` };
    case 'enum':
      return { ...base, code: 'schema.enum', message: `${where(at)} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.` };
    case 'const':
      return { ...base, code: 'schema.enum', message: `${where(at)} must be ${JSON.stringify(p.allowedValue)}.` };
    case 'maxLength':
      return { ...base, code: 'schema.max-length', message: `${where(at)} is too long: at most ${String(p.limit)} characters.`, data: { limit: Number(p.limit) } };
    case 'minLength':
      return { ...base, code: 'schema.min-length', message: `${where(at)} must not be empty.` };
    case 'maxItems':
      return { ...base, code: 'schema.max-items', message: `${where(at)} has too many items: at most ${String(p.limit)}.` };
    case 'minItems':
      return { ...base, code: 'schema.min-items', message: `${where(at)} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { ...base, code: 'schema.range', message: `${where(at)} must be ${String(p.comparison)} ${String(p.limit)}.` };
    case 'pattern':
      if (String(p.pattern).includes('https://')) {
        return { ...base, code: 'schema.https', message: `${where(at)} must be an https:// URL.` };
      }
      return { ...base, code: 'schema.pattern', message: `${where(at)} has characters or a form that is not allowed (pattern ${String(p.pattern)}).` };
    default:
      return { ...base, code: `schema.${e.keyword}`, message: `${where(at)} ${e.message ?? 'is not valid'}.` };
  }
}

function lastName(pointer: string): string {
  const segments = pointer.split('/');
  for (let i = segments.length - 1; i > 0; i--) {
    if (!/^\d+$/.test(segments[i]!)) return `"${segments[i]!.replace(/~1/g, '/').replace(/~0/g, '~')}"`;
  }
  return 'the value';
}

function where(pointer: string): string {
  if (pointer === '') return 'The payload';
  const segments = pointer.split('/');
  const last = segments[segments.length - 1]!;
  if (/^\d+$/.test(last)) return `Item ${Number(last) + 1} of ${lastName(segments.slice(0, -1).join('/'))}`;
  return lastName(pointer).replace(/^"/, '"');
}

function article(type: string): string {
  return { object: 'an object', array: 'an array', integer: 'an integer', string: 'a string', number: 'a number', boolean: 'true or false', null: 'null' }[type] ?? type;
}
