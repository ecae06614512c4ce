import { checkText } from '../../../src/core/check';
import type { Diagnostic } from '../../../src/core/diagnostic';
import { type PreviewTheme, renderMessage } from '../../../src/core/render';
import { type HtmlElement, parseHtml } from './htmlTree';

export interface Rendered {
  html: string;
  tree: HtmlElement;
  diagnostics: Diagnostic[];
}

/** Renders a payload the way the webview and the CLI do: parsed and checked by the core first. */
export function render(payload: unknown, theme: PreviewTheme = 'light'): Rendered {
  const { document, diagnostics } = checkText(JSON.stringify(payload, null, 2));
  const html = renderMessage({ payload: document.value, diagnostics }, { theme });
  return { html, tree: parseHtml(html), diagnostics };
}
