/**
 * A small YAML reader, enough for the OpenAPI files in ../shared/contracts: block mappings and sequences (including
 * "- key: value" items), plain, single- and double-quoted scalars, literal and folded block scalars (| |+ |- > >- >+),
 * multi-line plain scalars, comments, and simple flow collections ([a, b], {a: b}, [], {}). No anchors, aliases, tags
 * or multi-document streams: it throws on what it does not understand rather than guessing.
 *
 * Used only by the contract tests until a real YAML parser is a dev dependency.
 */

export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  /** 1-based, for error messages. */
  number: number;
  indent: number;
  /** The line without its indentation; comments are removed by the scalar readers, not here. */
  content: string;
  raw: string;
}

export class YamlError extends Error {}

export function parseYaml(source: string): YamlValue {
  const lines: Line[] = source.replace(/\r\n?/g, '\n').split('\n').map((raw, i) => {
    if (/^\t/.test(raw)) throw new YamlError(`line ${i + 1}: tabs are not allowed for indentation`);
    const content = raw.replace(/^ +/, '');
    return { number: i + 1, indent: raw.length - content.length, content, raw };
  });
  const reader = new Reader(lines);
  reader.skipBlank();
  if (reader.peek()?.content === '---') {
    reader.next();
    reader.skipBlank();
  }
  const line = reader.peek();
  if (!line) return null;
  const value = reader.node(line.indent);
  reader.skipBlank();
  const rest = reader.peek();
  if (rest && rest.content !== '...') throw new YamlError(`line ${rest.number}: unexpected content at indent ${rest.indent}: ${rest.content}`);
  return value;
}

const isBlank = (l: Line) => l.content === '' || l.content.startsWith('#');
const isSequenceItem = (content: string) => content === '-' || content.startsWith('- ');
/** `key:` or `key: value`, the key plain or quoted. */
const keyPattern = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s"'#\-?:,[\]{}&*!|>%@`][^#]*?|-[^\s][^#]*?))[ \t]*:(?:[ \t]+|$)/;

class Reader {
  #i = 0;

  constructor(private readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.#i];
  }

  next(): Line {
    return this.lines[this.#i++]!;
  }

  skipBlank(): void {
    while (this.#i < this.lines.length && isBlank(this.lines[this.#i]!)) this.#i++;
  }

  /** The node whose first line is the current line, at `indent`. */
  node(indent: number): YamlValue {
    this.skipBlank();
    const line = this.peek();
    if (!line || line.indent < indent) return null;
    if (isSequenceItem(line.content)) return this.sequence(line.indent);
    if (keyPattern.test(line.content)) return this.mapping(line.indent);
    return this.multilinePlain(line.indent);
  }

  mapping(indent: number): { [key: string]: YamlValue } {
    const result: { [key: string]: YamlValue } = {};
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) return result;
      if (line.indent > indent) throw new YamlError(`line ${line.number}: unexpected indentation in a mapping`);
      if (isSequenceItem(line.content)) return result; // a sequence at the parent key's indent ends the mapping
      const match = keyPattern.exec(line.content);
      if (!match) throw new YamlError(`line ${line.number}: expected "key:" in a mapping, got: ${line.content}`);
      const key = match[1] !== undefined ? unescapeDouble(match[1], line.number) : match[2] !== undefined ? match[2].replace(/''/g, "'") : match[3]!.trim();
      if (Object.prototype.hasOwnProperty.call(result, key)) throw new YamlError(`line ${line.number}: duplicate key "${key}"`);
      this.next();
      const rest = line.content.slice(match[0].length);
      result[key] = this.valueAfterIndicator(rest, indent, line, true);
    }
  }

  sequence(indent: number): YamlValue[] {
    const result: YamlValue[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) return result;
      if (line.indent > indent || !isSequenceItem(line.content)) {
        if (line.indent === indent) return result;
        throw new YamlError(`line ${line.number}: unexpected indentation in a sequence`);
      }
      const afterDash = line.content === '-' ? '' : line.content.slice(2);
      const extra = afterDash.length - afterDash.replace(/^ +/, '').length;
      const rest = afterDash.slice(extra);
      if (rest !== '' && !rest.startsWith('#') && (keyPattern.test(rest) || isSequenceItem(rest))) {
        // "- key: value": the item is a mapping (or nested sequence) whose first line starts after the dash.
        const itemIndent = indent + 2 + extra;
        this.lines[this.#i] = { ...line, indent: itemIndent, content: rest };
        result.push(this.node(itemIndent));
      } else {
        this.next();
        result.push(this.valueAfterIndicator(rest, indent, line, false));
      }
    }
  }

  /** The value after "key:" or "- ": inline scalar, block scalar, flow collection, or a nested block. */
  valueAfterIndicator(rest: string, parentIndent: number, line: Line, inMapping: boolean): YamlValue {
    const text = stripComment(rest);
    if (text === '') {
      this.skipBlank();
      const next = this.peek();
      if (!next) return null;
      if (next.indent > parentIndent) return this.node(next.indent);
      // YAML allows a mapping's sequence value at the key's own indent.
      if (inMapping && next.indent === parentIndent && isSequenceItem(next.content)) return this.sequence(parentIndent);
      return null;
    }
    if (/^[|>]/.test(text)) return this.blockScalar(text, parentIndent, line);
    if (text.startsWith('&') || text.startsWith('*') || text.startsWith('!')) throw new YamlError(`line ${line.number}: anchors, aliases and tags are not supported`);
    if (text.startsWith('[') || text.startsWith('{')) return parseFlow(text, line.number);
    if (text.startsWith('"')) return readDouble(text, line.number);
    if (text.startsWith("'")) return readSingle(text, line.number);
    // A plain scalar may continue on more-indented lines.
    let value = text;
    for (;;) {
      const next = this.peek();
      if (!next || isBlank(next) || next.indent <= parentIndent) break;
      value += ' ' + stripComment(next.content);
      this.next();
    }
    return plainScalar(value);
  }

  multilinePlain(indent: number): YamlValue {
    const parts: string[] = [];
    for (;;) {
      const line = this.peek();
      if (!line || isBlank(line) || line.indent < indent) break;
      parts.push(stripComment(line.content));
      this.next();
    }
    return plainScalar(parts.join(' '));
  }

  blockScalar(header: string, parentIndent: number, line: Line): string {
    const match = /^([|>])([+-]?)(\d?)([+-]?)$/.exec(header);
    if (!match) throw new YamlError(`line ${line.number}: unsupported block scalar header ${header}`);
    const folded = match[1] === '>';
    const chomp = match[2] || match[4] || '';
    const collected: string[] = [];
    let contentIndent = match[3] ? parentIndent + Number(match[3]) : undefined;
    while (this.#i < this.lines.length) {
      const l = this.lines[this.#i]!;
      if (l.content === '') {
        collected.push('');
        this.#i++;
        continue;
      }
      if (contentIndent === undefined) {
        if (l.indent <= parentIndent) break;
        contentIndent = l.indent;
      }
      if (l.indent < contentIndent) break;
      collected.push(l.raw.slice(contentIndent));
      this.#i++;
    }
    // Trailing blank lines belong to the scalar only with "+" chomping.
    let trailing = 0;
    while (collected.length > 0 && collected[collected.length - 1]!.trim() === '') {
      collected.pop();
      trailing++;
    }
    let body: string;
    if (folded) {
      body = '';
      for (let k = 0; k < collected.length; k++) {
        const current = collected[k]!;
        if (k === 0) body = current;
        else {
          const previous = collected[k - 1]!;
          const moreIndented = /^\s/.test(current) || /^\s/.test(previous);
          body += current === '' ? '\n' : previous === '' || moreIndented ? (previous === '' ? '' : '\n') + current : ' ' + current;
        }
      }
    } else {
      body = collected.join('\n');
    }
    if (chomp === '-') return body;
    if (chomp === '+') return body + '\n'.repeat(trailing + (collected.length > 0 ? 1 : 0));
    return collected.length > 0 ? body + '\n' : '';
  }
}

function stripComment(text: string): string {
  if (text.startsWith('"') || text.startsWith("'")) return text.trim();
  const at = text.search(/(^|\s)#/);
  return (at < 0 ? text : text.slice(0, at)).trim();
}

function plainScalar(text: string): YamlValue {
  const t = text.trim();
  if (t === '' || t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(t)) return Number(t);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(t)) return Number(t);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(t)) return NaN;
  return t;
}

function unescapeDouble(body: string, lineNumber: number): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', b: '\b', f: '\f', ' ': ' ', e: '\x1b' };
    if (!(e in simple)) throw new YamlError(`line ${lineNumber}: unknown escape \\${e}`);
    return simple[e]!;
  });
}

function readDouble(text: string, lineNumber: number): string {
  const match = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(text);
  if (!match) throw new YamlError(`line ${lineNumber}: multi-line or malformed double-quoted scalar: ${text}`);
  return unescapeDouble(match[1]!, lineNumber);
}

function readSingle(text: string, lineNumber: number): string {
  const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
  if (!match) throw new YamlError(`line ${lineNumber}: multi-line or malformed single-quoted scalar: ${text}`);
  return match[1]!.replace(/''/g, "'");
}

/** Flow collections on one line: [a, "b", {c: d}], {a: [1, 2]}. */
function parseFlow(text: string, lineNumber: number): YamlValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new YamlError(`line ${lineNumber}: ${what} in flow collection at ${i}: ${text}`);
  };
  const ws = () => {
    while (text[i] === ' ') i++;
  };
  const scalar = (stops: string): YamlValue => {
    ws();
    if (text[i] === '"' || text[i] === "'") {
      const quote = text[i]!;
      let j = i + 1;
      while (j < text.length && text[j] !== quote) j += text[j] === '\\' && quote === '"' ? 2 : 1;
      const raw = text.slice(i, j + 1);
      i = j + 1;
      return quote === '"' ? readDouble(raw, lineNumber) : readSingle(raw, lineNumber);
    }
    let j = i;
    while (j < text.length && !stops.includes(text[j]!)) j++;
    const raw = text.slice(i, j);
    i = j;
    return plainScalar(raw);
  };
  const value = (): YamlValue => {
    ws();
    if (text[i] === '[') {
      i++;
      const items: YamlValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return items;
        } else fail('expected , or ]');
      }
    }
    if (text[i] === '{') {
      i++;
      const map: { [key: string]: YamlValue } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return map;
      }
      for (;;) {
        const key = scalar(':,}');
        ws();
        if (text[i] !== ':') fail('expected :');
        i++;
        map[String(key)] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return map;
        } else fail('expected , or }');
      }
    }
    return scalar(',]}');
  };
  const result = value();
  ws();
  if (i < text.length && !text.slice(i).trim().startsWith('#')) fail('trailing text');
  return result;
}
