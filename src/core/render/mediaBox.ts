import { hasPlaceholder } from '../payload/placeholders';
import { escapeHtml } from './escape';
import { icons } from './icons';

/** LINE's card image boxes plus the boxes of image, video and sticker messages. */
export type BoxShape = 'rectangle' | 'square' | 'photo' | 'video' | 'sticker';

export interface MediaBoxOptions {
  url: string;
  shape: BoxShape;
  fit: 'cover' | 'contain';
  /** What the box holds, shown in the placeholder: "Card image", "Sticker 446/1988"… */
  label: string;
  /** Extra attributes of the box (data-part, data-pointer, data-problem). */
  attributes: string;
  /** Drawn over the image, such as a video's play mark. */
  overlay?: string;
  /** The box may take the image's own aspect ratio once it loads (LINE shows photos uncropped). */
  natural?: boolean;
}

/**
 * A box of fixed aspect ratio, so a slow, blocked or broken URL never breaks the layout. While the image loads,
 * the placeholder underneath shows what the box holds; if it fails, the image's own `::after` (which browsers
 * draw only for a broken image) covers the broken-image icon with the same label. No inline handler or style is
 * needed, which the webview's CSP forbids.
 */
export function mediaBox(o: MediaBoxOptions): string {
  const src = loadableUrl(o.url);
  const where = describeUrl(o.url, src !== undefined);
  const img = src === undefined
    ? ''
    : `<img class="lp-media-img lp-fit-${o.fit}" src="${escapeHtml(src)}" alt="" referrerpolicy="no-referrer" decoding="async"` +
      ` data-label="${escapeHtml(o.label)}" data-detail="${escapeHtml(`not loaded: ${where}`)}">`;
  const natural = o.natural ? ' data-fit="natural"' : '';
  // A sticker is mostly transparent: text behind it would show through once it has loaded.
  const behind = o.shape === 'sticker' && src !== undefined
    ? ''
    : `${o.shape === 'sticker' ? '' : icons.image}<span class="lp-media-label">${escapeHtml(o.label)}</span><span class="lp-media-url">${escapeHtml(where)}</span>`;
  return (
    `<div class="lp-media lp-shape-${o.shape}"${o.attributes}${natural}>` +
    `<div class="lp-media-placeholder">${behind}</div>` +
    img +
    (o.overlay ?? '') +
    `</div>`
  );
}

/**
 * Only https: URLs become requests, as LINE fetches nothing else: an http: URL (`http://169.254.169.254/…` in an
 * untrusted payload) would reach into the viewer's network. `javascript:`, `data:`, `file:` and the rest stay text.
 */
export function loadableUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^https:\/\//i.test(trimmed) || hasPlaceholder(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function describeUrl(url: string, loadable: boolean): string {
  const trimmed = url.trim();
  if (trimmed === '') return 'no URL given';
  if (hasPlaceholder(trimmed)) return `${shorten(trimmed)}: filled in at send time`;
  if (!loadable) return `not loaded (LINE loads only https: URLs): ${shorten(trimmed)}`;
  try {
    const parsed = new URL(trimmed);
    const file = parsed.pathname.slice(parsed.pathname.lastIndexOf('/') + 1);
    return `${parsed.host}${file ? ` · ${shorten(decodeSafely(file), 32)}` : ''}`;
  } catch {
    return shorten(trimmed);
  }
}

function shorten(value: string, max = 48): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
