import { chatStyles } from './chatStyles';
import { escapeHtml } from './escape';
import { type RenderInput, type RenderOptions, renderMessage } from './renderMessage';

export interface PageOptions extends RenderOptions {
  /** Shown in the tab and above the chat, such as the payload's file name. */
  title: string;
}

const pageStyles = String.raw`
html, body { margin: 0; }
body { min-height: 100vh; padding: 24px 12px; box-sizing: border-box; }
body[data-theme="light"] { background: #eef1f5; color: #1f2328; }
body[data-theme="dark"] { background: #0d0e10; color: #e6e6e6; }
.lp-page-title { margin: 0 0 14px; text-align: center; font: 600 14px/1.4 -apple-system, "Helvetica Neue", "Liberation Sans", Arial, sans-serif; opacity: 0.75; }
`;

/**
 * A self-contained HTML page: inline CSS, no script, and a CSP that forbids scripts and every request except the
 * payload's own http(s) images, so the page is safe to open even from an untrusted payload.
 */
export function renderPage(input: RenderInput, options: PageOptions): string {
  // https: media only, as LINE: an http: URL in an untrusted payload could reach the viewer's network.
  const csp = "default-src 'none'; img-src https:; media-src https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LINE preview · ${escapeHtml(options.title)}</title>
<style>${pageStyles}${chatStyles}</style>
</head>
<body data-theme="${options.theme}">
<h1 class="lp-page-title">LINE preview · ${escapeHtml(options.title)}</h1>
${renderMessage(input, { theme: options.theme })}
</body>
</html>
`;
}
