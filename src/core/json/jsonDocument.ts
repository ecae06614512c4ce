import { type Node, type ParseError, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from './lineIndex';
import { fromPointer } from './pointer';
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

/** The offset of the first bracket nested deeper than `limit` (outside strings), or undefined. */
function offsetBeyondDepth(text: string, limit: number): number | undefined {
  // Nesting deeper than `limit` needs more than `limit` opening brackets: most texts are ruled out by a count.
  let opening = 0;
  for (let at = text.indexOf('{'); at !== -1 && opening <= limit; at = text.indexOf('{', at + 1)) opening++;
  for (let at = text.indexOf('['); at !== -1 && opening <= limit; at = text.indexOf('[', at + 1)) opening++;
  if (opening <= limit) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */ || c === 10 || c === 13) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}

/**
 * A JSON text parsed once into a syntax tree (for positions) and a value (for rules). Tolerant: a broken text
 * still yields the tree and value jsonc-parser could recover, plus the syntax problems found.
 */
export class JsonDocument {
  readonly text: string;
  readonly root: Node | undefined;
  readonly value: unknown;
  readonly syntaxProblems: readonly SyntaxProblem[];
  #lines: LineIndex | undefined;

  constructor(text: string) {
    this.text = text;
    // jsonc-parser and getNodeValue recurse once per level: thousands of nested brackets overflow the stack.
    const tooDeep = offsetBeyondDepth(text, maxNestingDepth);
    if (tooDeep !== undefined) {
      this.root = undefined;
      this.value = undefined;
      this.syntaxProblems = [{ message: `Nested too deeply: more than ${maxNestingDepth} levels of objects and arrays`, offset: tooDeep, length: 1 }];
      return;
    }
    const errors: ParseError[] = [];
    // The Conversation API parses strict JSON: comments and trailing commas would be refused there.
    this.root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    this.value = this.root ? getNodeValue(this.root) : undefined;
    this.syntaxProblems = errors.map((e) => ({
      message: syntaxMessages[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error),
      offset: e.offset,
      length: e.length,
    }));
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
        // The last occurrence wins for duplicate keys, as in JSON.parse.
        let found: Node | undefined;
        for (const prop of node.children ?? []) {
          if (prop.children?.[0]?.value === segment) found = prop.children[1];
        }
        node = found;
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
  spanOf(pointer: string, prefer: 'value' | 'key' = 'value'): { offset: number; length: number } {
    const segments = fromPointer(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const p = n === segments.length ? pointer : segments.slice(0, n).map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
      const node = this.nodeAt(p);
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
