// A small HTML reader for the renderer's own output (double-quoted attributes, escaped text), so the unit tests
// can query parts by their hooks without a DOM. It is strict on purpose: markup it cannot read fails the test.
// The browser suites check the same output in a real Chromium.

export interface HtmlElement {
  tag: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | undefined;
}
export type HtmlNode = HtmlElement | string;

const voidTags = new Set(['img', 'br', 'meta', 'link', 'input', 'hr', 'source']);
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => entities[name]!);
}

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [], parent: undefined };
  let current = root;
  const tagPattern = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*(\/?)>|<!DOCTYPE html>/gy;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1 || lt > at) {
      const text = html.slice(at, lt === -1 ? html.length : lt);
      if (text.includes('>')) throw new Error(`unescaped ">" in text near: ${text.slice(0, 60)}`);
      current.children.push(decodeEntities(text));
      if (lt === -1) break;
    }
    tagPattern.lastIndex = lt;
    const match = tagPattern.exec(html);
    if (!match) throw new Error(`unreadable markup at ${lt}: ${html.slice(lt, lt + 80)}`);
    at = tagPattern.lastIndex;
    if (match[0] === '<!DOCTYPE html>') continue;
    const [, closing, tag, attributeText, selfClosing] = match as unknown as [string, string, string, string, string];
    const name = tag.toLowerCase();
    if (closing) {
      if (current.tag !== name) throw new Error(`</${name}> closes <${current.tag}>`);
      current = current.parent!;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attributeText.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attributes[a[1]!] = decodeEntities(a[2] ?? '');
    const element: HtmlElement = { tag: name, attributes, children: [], parent: current };
    current.children.push(element);
    const isLeaf = voidTags.has(name) || selfClosing === '/';
    if (!isLeaf && name !== 'style' && name !== 'script') current = element;
    if (name === 'style' || name === 'script') {
      const end = html.indexOf(`</${name}>`, at);
      element.children.push(html.slice(at, end));
      at = end + name.length + 3;
    }
  }
  if (current !== root) throw new Error(`<${current.tag}> is never closed`);
  return root;
}

export function elements(node: HtmlElement): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (e: HtmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      found.push(c);
      walk(c);
    }
  };
  walk(node);
  return found;
}

export function textOf(node: HtmlNode): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'style' || node.tag === 'script' || node.tag === 'svg') return '';
  return node.children.map(textOf).join('');
}

export function parts(node: HtmlElement, part: string): HtmlElement[] {
  return elements(node).filter((e) => e.attributes['data-part'] === part);
}

export function closest(node: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement | undefined {
  for (let e: HtmlElement | undefined = node; e; e = e.parent) if (test(e)) return e;
  return undefined;
}
