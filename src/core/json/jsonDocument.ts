import { type Node, type ParseError, SyntaxKind, createScanner, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from './lineIndex';
import { type Span, type SpanRequest, locate } from './locator';
import { fromPointer, toPointer } from './pointer';
import { type KeySpan, duplicateKeys, isWellFormed, offsetBeyondDepth } from './strictJson';
import type { Range } from '../diagnostic';

export interface SyntaxProblem {
  message: string;
  offset: number;
  length: number;
}

const syntaxMessages: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace "}" expected',
  CloseBracketExpected: 'Closing bracket "]" expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped)',
};

/** Far beyond any real payload, far below what the recursive parser survives. */
export const maxNestingDepth = 256;

/**
 * The first bracket nested deeper than `limit`, as jsonc-parser's own scanner tokenizes the text: a bracket inside a
 * comment or a string does not count, and one after a comment holding a quote does (`/*"*\/[[[…`).
 */
function offsetBeyondDepthTolerant(text: string, limit: number): number | undefined {
  let opening = 0;
  for (let at = text.indexOf('{'); at !== -1 && opening <= limit; at = text.indexOf('{', at + 1)) opening++;
  for (let at = text.indexOf('['); at !== -1 && opening <= limit; at = text.indexOf('[', at + 1)) opening++;
  if (opening <= limit) return undefined;
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}

/** A string value or property name that holds half of a surrogate pair: not a character, shown as �. */
export interface LoneSurrogate {
  pointer: string;
  inKey: boolean;
}

/**
 * A JSON text parsed for the rules (its value) and, only when a finding needs one, for positions. Strict JSON is
 * parsed with JSON.parse and spans are found by a scan along the pointers asked for; a broken text is parsed by
 * jsonc-parser, which recovers a tree and value and names the syntax problems.
 */
export class JsonDocument {
  readonly text: string;
  readonly value: unknown;
  readonly syntaxProblems: readonly SyntaxProblem[];
  /** True when the text is strict JSON within the nesting limit (JSON.parse accepted it). */
  readonly strict: boolean;
  #root: Node | undefined | null = null;
  #lines: LineIndex | undefined;
  #duplicateKeys: KeySpan[] | undefined;
  #loneSurrogates: LoneSurrogate[] | undefined;
  #suspicious = false;

  constructor(text: string) {
    this.text = text;
    let parsed: unknown;
    let parseFailure: Error | undefined;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      parseFailure = error as Error;
    }
    if (!parseFailure) {
      // JSON.parse takes any depth; the walk over its value stops past the limit, and only then is the text scanned
      // for where (strict JSON has no comments: brackets outside strings are the structure).
      const names = namesAndColons(parsed, 0);
      // A repeated name drops its first value, and whatever nesting it held, from the parsed value: then the text
      // itself is scanned for depth, which the tree builders (jsonc-parser recurses per level) must not exceed.
      const suspicious = names >= 0 && !sameKeyCount(text, names);
      const tooDeep = names < 0 ? offsetBeyondDepth(text, maxNestingDepth) ?? 0 : suspicious ? offsetBeyondDepth(text, maxNestingDepth) : undefined;
      if (tooDeep !== undefined) {
        this.value = undefined;
        this.strict = false;
        this.#root = undefined;
        this.syntaxProblems = [tooDeepProblem(tooDeep)];
        return;
      }
      this.value = parsed;
      this.strict = true;
      this.syntaxProblems = [];
      this.#suspicious = suspicious;
      return;
    }
    this.strict = false;
    // jsonc-parser and getNodeValue recurse once per level: thousands of nested brackets overflow the stack.
    const tooDeep = offsetBeyondDepthTolerant(text, maxNestingDepth);
    if (tooDeep !== undefined) {
      this.value = undefined;
      this.#root = undefined;
      this.syntaxProblems = [tooDeepProblem(tooDeep)];
      return;
    }
    const errors: ParseError[] = [];
    // The Conversation API parses strict JSON: comments and trailing commas would be refused there.
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    this.#root = root;
    this.value = root ? getNodeValue(root) : undefined;
    const problems = errors.map((e) => ({
      message: syntaxMessages[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error),
      offset: e.offset,
      length: e.length,
    }));
    // The two parsers disagree on a few edge cases (whitespace JSON does not allow): JSON.parse has the last word.
    if (problems.length === 0) problems.push({ message: `Not valid JSON: ${parseFailure.message}`, offset: 0, length: Math.min(text.length, 1) });
    this.syntaxProblems = problems;
  }

  /** jsonc-parser's syntax tree, built on first use (quick fixes, hovers); the check itself never needs it. */
  get root(): Node | undefined {
    if (this.#root === null) {
      this.#root = parseTree(this.text, [], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    }
    return this.#root;
  }

  /** Property names repeated within one object, at each repetition (the value that wins in JSON.parse). */
  get duplicateKeys(): readonly KeySpan[] {
    return (this.#duplicateKeys ??= this.strict && this.#suspicious ? duplicateKeys(this.text) : []);
  }

  /** Strings and property names holding a lone surrogate (from a `\ud800` escape). */
  get loneSurrogates(): readonly LoneSurrogate[] {
    if (this.#loneSurrogates) return this.#loneSurrogates;
    const found: LoneSurrogate[] = [];
    // A lone surrogate comes from an escape (\ud800): text decoded from UTF-8 (a file, an editor) holds none raw.
    if (this.strict && this.text.includes('\\u')) findLoneSurrogates(this.value, [], found);
    return (this.#loneSurrogates = found);
  }

  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.text));
  }

  /** The node at a JSON pointer, or undefined when the path does not exist in the text. */
  nodeAt(pointer: string): Node | undefined {
    let node = this.root;
    for (const segment of fromPointer(pointer)) {
      if (!node) return undefined;
      if (node.type === 'object') {
        node = propertiesOf(node).get(segment);
      } else if (node.type === 'array') {
        node = /^\d+$/.test(segment) ? node.children?.[Number(segment)] : undefined;
      } else {
        return undefined;
      }
    }
    return node;
  }

  /** The property node (`"key": value`) whose value is at the pointer. */
  propertyAt(pointer: string): Node | undefined {
    const value = this.nodeAt(pointer);
    return value?.parent?.type === 'property' ? value.parent : undefined;
  }

  /**
   * The span to underline for a pointer: the value itself when it exists; otherwise the nearest existing
   * ancestor's key (or the value's first character for objects without a key, such as the root or array items).
   */
  spanOf(pointer: string, prefer: 'value' | 'key' = 'value'): Span {
    return this.spansOf([{ pointer, prefer }])[0]!;
  }

  /** spanOf for many pointers at once: one pass over the text, however many pointers. */
  spansOf(requests: readonly SpanRequest[]): Span[] {
    if (requests.length === 0) return [];
    // Without a repeated key, nothing after the last pointer found can move it: the scan may end there.
    if (this.strict) return locate(this.text, requests, !this.#suspicious);
    return requests.map((r) => this.#spanInTree(r.pointer, r.prefer ?? 'value'));
  }

  #spanInTree(pointer: string, prefer: 'value' | 'key'): Span {
    const segments = fromPointer(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const node = this.nodeAt(n === segments.length ? pointer : toPointer(segments.slice(0, n)));
      if (!node) continue;
      const exact = n === segments.length;
      if (exact && prefer === 'value') return { offset: node.offset, length: node.length };
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      if (key) return { offset: key.offset, length: key.length };
      if (exact && node.type !== 'object' && node.type !== 'array') return { offset: node.offset, length: node.length };
      return { offset: node.offset, length: Math.min(node.length, 1) };
    }
    return { offset: 0, length: Math.min(this.text.length, 1) };
  }

  rangeOf(offset: number, length: number): Range {
    return this.lines.rangeOf(offset, length);
  }
}

function tooDeepProblem(offset: number): SyntaxProblem {
  return { message: `Nested too deeply: more than ${maxNestingDepth} levels of objects and arrays`, offset, length: 1 };
}

/** Each object node's properties by name, built once: a lookup per finding must not scan every key. */
const propertyIndex = new WeakMap<Node, Map<string, Node>>();

function propertiesOf(node: Node): Map<string, Node> {
  let index = propertyIndex.get(node);
  if (!index) {
    index = new Map();
    // The last occurrence wins for duplicate keys, as in JSON.parse.
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0]?.value;
      const value = prop.children?.[1];
      if (typeof key === 'string' && value) index.set(key, value);
    }
    propertyIndex.set(node, index);
  }
  return index;
}

/**
 * Whether the text has as many property names as the parsed value, counted without a tokenizer: outside strings,
 * every colon of strict JSON follows a name, so the text's colons are the names plus the colons inside strings.
 * A repeated name leaves the value with fewer names than the text. Escapes (`\u003a`) could hide a colon from the
 * count, so a text with \u escapes always takes the full scan. `namesAndColons` is the value's side of the count.
 */
function sameKeyCount(text: string, namesAndColonsInValue: number): boolean {
  if (text.includes('\\u')) return false;
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) colons++;
  return colons === namesAndColonsInValue;
}

function colonsIn(s: string): number {
  let n = 0;
  for (let at = s.indexOf(':'); at !== -1; at = s.indexOf(':', at + 1)) n++;
  return n;
}

/**
 * The property names of a parsed value plus the colons inside its strings and names; -1 when objects and arrays nest
 * deeper than maxNestingDepth (the walk stops there, so its recursion is bounded whatever the text).
 * Strings are counted where they are met rather than by a call each, and a string without a colon costs one search:
 * this walk runs over every value of every file a CLI run checks, mostly before V8 optimizes it. For the same reason
 * the array and object loops repeat one body instead of calling a helper per item (the walk took a fifth longer so).
 */
function namesAndColons(value: unknown, depth: number): number {
  if (typeof value === 'string') return colonsIn(value);
  if (value === null || typeof value !== 'object') return 0;
  return containerNamesAndColons(value, depth);
}

function containerNamesAndColons(value: object, depth: number): number {
  if (++depth > maxNestingDepth) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') {
        if (item.indexOf(':') !== -1) n += colonsIn(item);
      } else if (item !== null && typeof item === 'object') {
        const inner = containerNamesAndColons(item, depth);
        if (inner < 0) return -1;
        n += inner;
      }
    }
    return n;
  }
  // for…in over a JSON.parse object: own keys only, and no array allocated per object.
  for (const key in value as Record<string, unknown>) {
    n++;
    if (key.indexOf(':') !== -1) n += colonsIn(key);
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'string') {
      if (item.indexOf(':') !== -1) n += colonsIn(item);
    } else if (item !== null && typeof item === 'object') {
      const inner = containerNamesAndColons(item, depth);
      if (inner < 0) return -1;
      n += inner;
    }
  }
  return n;
}

function findLoneSurrogates(value: unknown, path: string[], found: LoneSurrogate[]): void {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) found.push({ pointer: toPointer(path), inKey: false });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      path.push(String(i));
      findLoneSurrogates(item, path, found);
      path.pop();
    });
    return;
  }
  for (const key of Object.keys(value)) {
    path.push(key);
    if (!isWellFormed(key)) found.push({ pointer: toPointer(path), inKey: true });
    findLoneSurrogates((value as Record<string, unknown>)[key], path, found);
    path.pop();
  }
}
