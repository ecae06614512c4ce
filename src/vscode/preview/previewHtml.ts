// Pure (no vscode import): the browser suite loads exactly this page with the real bundle and CSP.
import { escapeHtml } from '../../core/render/escape';
import type { InitialPreviewData } from '../../protocol/preview';

export interface PreviewPageParts {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** A fresh random nonce per page. */
  nonce: string;
  /** Whether the payload's media may load (the `convapiLine.media.remoteChecks` setting): off, the CSP blocks it. */
  remoteMedia: boolean;
  initial: InitialPreviewData;
}

/**
 * The webview page, set once per panel: later models arrive as messages. The initial model travels in an escaped
 * `data-initial` attribute rather than an inline script; payload media may load from any http(s) URL (LINE
 * fetches from anywhere) unless the user turned remote media off, nothing else may load, and only our nonce'd
 * bundle may run.
 */
export function previewHtml(p: PreviewPageParts): string {
  const csp = [
    "default-src 'none'",
    // https: only: LINE loads nothing else, and an http: URL in an untrusted payload could reach the local network.
    p.remoteMedia ? `img-src https: ${p.cspSource}` : `img-src ${p.cspSource}`,
    p.remoteMedia ? 'media-src https:' : "media-src 'none'",
    `style-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
    // Not covered by default-src: no <base> may redirect our script, no form may post anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(p.styleUri)}">
<title>LINE Preview</title>
</head>
<body>
<div class="toolbar">
<label class="toolbar-item" title="Which LINE chat colours the preview draws"><span class="toolbar-label">Chat</span><select id="chat-theme">
<option value="auto">As VS Code</option>
<option value="light">Light</option>
<option value="dark">Dark</option>
</select></label>
<label class="toolbar-item" title="Follow the active editor, or stay on this file (as the Markdown preview's lock)"><span class="toolbar-label">Shows</span><select id="preview-lock">
<option value="follow">Active editor</option>
<option value="locked">This file only</option>
</select></label>
</div>
<main id="preview" data-initial="${escapeHtml(JSON.stringify({ ...p.initial, remoteMedia: p.remoteMedia }))}"></main>
<script nonce="${escapeHtml(p.nonce)}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>
`;
}
