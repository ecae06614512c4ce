import type { ActionKind } from './lineView';

// Inline SVG, not emoji: the fonts of a CI machine or a webview may have no emoji, and SVG needs no request.
const svg = (body: string, viewBox = '0 0 24 24') =>
  `<svg class="lp-icon" viewBox="${viewBox}" aria-hidden="true" focusable="false">${body}</svg>`;

export const icons = {
  postback: svg('<path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/>'),
  url: svg('<path fill="currentColor" d="M14 3h7v7h-2V6.4l-8.3 8.3-1.4-1.4L17.6 5H14V3zM5 5h6v2H6v11h11v-5h2v6a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z"/>'),
  call: svg('<path fill="currentColor" d="M6.6 10.8a15.5 15.5 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1z"/>'),
  location: svg('<path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/>'),
  unsupported: svg('<path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm5 11H7v-2h10v2z"/>'),
  play: svg('<path fill="currentColor" d="M8 5v14l11-7z"/>'),
  image: svg('<path fill="currentColor" d="M21 5v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2zM8.5 13.5 5 18h14l-4.5-6-3.5 4.5z"/>'),
  file: svg('<path fill="currentColor" d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5z"/>'),
  error: svg('<circle cx="12" cy="12" r="10" fill="currentColor"/><path fill="#fff" d="M11 6h2v8h-2zm0 10h2v2h-2z"/>'),
  warning: svg('<path fill="currentColor" d="M12 2 1 21h22z"/><path fill="#fff" d="M11 9h2v6h-2zm0 8h2v2h-2z"/>'),
  info: svg('<circle cx="12" cy="12" r="10" fill="currentColor"/><path fill="#fff" d="M11 10h2v8h-2zm0-4h2v2h-2z"/>'),
  back: svg('<path fill="currentColor" d="M15.4 4.6 14 3.2 5.2 12l8.8 8.8 1.4-1.4L8 12z"/>'),
  menu: svg('<path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/>'),
  plus: svg('<path fill="currentColor" d="M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z"/>'),
  bot: svg('<circle cx="20" cy="20" r="20" fill="#06c755"/><path fill="#fff" d="M20 9c-7.2 0-13 4.7-13 10.4 0 5.1 4.6 9.4 10.8 10.2.4.1 1 .3 1.1.7.1.4.1.9 0 1.3l-.2 1.1c-.1.3-.3 1.3 1.1.7s7.7-4.5 10.5-7.8c1.9-2.1 2.8-4.3 2.8-6.2C33 13.7 27.2 9 20 9z"/>', '0 0 40 40'),
} as const;

export function actionIcon(kind: ActionKind): string {
  return icons[kind];
}
