import { childPointer } from '../json/pointer';
import type { MediaRef } from '../payload/anatomy';
import { lineAudioExtensions, lineImageExtensions, lineVideoExtensions, mediaFormatOf } from '../payload/mediaFormat';
import { isObject } from '../payload/messageKinds';
import { hasPlaceholder } from '../payload/placeholders';
import type { Rule, RuleContext } from './ruleContext';

export const mediaRules: Rule = (ctx) => {
  for (const ref of ctx.anatomy.media) checkMedia(ctx, ref);
};

function checkMedia(ctx: RuleContext, ref: MediaRef) {
  const { url } = ref;
  if (url.trim() === '') {
    ctx.report({ code: 'media.url-empty', severity: 'error', pointer: ref.pointer, message: 'The media URL is empty.' });
    return;
  }
  const placeholder = hasPlaceholder(url);
  const format = mediaFormatOf(url);
  // A URL that starts with a placeholder gets its scheme at send time; any other must say https:// itself.
  if (!url.trimStart().startsWith('{{')) {
    if (format.scheme === 'http') {
      ctx.report({ code: 'media.http', severity: 'error', pointer: ref.pointer, message: 'LINE only fetches media over HTTPS (TLS 1.2 or later); this URL uses http:.' });
    } else if (format.scheme !== 'https') {
      ctx.report({ code: 'media.not-https', severity: 'error', pointer: ref.pointer, message: `LINE only fetches media over HTTPS; "${truncate(url)}" is not an https:// URL.` });
      return;
    }
    const malformed = format.scheme === 'https' ? malformedUrl(url) : undefined;
    if (malformed) {
      ctx.report({ code: 'media.url-malformed', severity: 'error', pointer: ref.pointer, message: `"${truncate(url)}" is not a valid https:// URL: ${malformed}. LINE cannot fetch it.` });
      return;
    }
  }
  // An unknown extension (or one hidden behind a placeholder) is not an error: the server decides, see pre-flight.
  if (format.category === 'unknown' || (placeholder && format.extension === '')) {
    if (ref.role === 'media') checkVideoThumbnail(ctx, ref, false);
    return;
  }
  const ext = format.extension;
  switch (ref.role) {
    case 'media': {
      const accepted = lineImageExtensions.has(ext) || lineVideoExtensions.has(ext) || lineAudioExtensions.has(ext);
      if (!accepted) {
        ctx.report({
          code: 'media.unsupported-format',
          severity: 'error',
          pointer: ref.pointer,
          message: `LINE does not accept .${ext} media: images must be jpeg, jpg or png, video mp4, audio m4a.`,
          data: { extension: ext },
        });
      }
      checkVideoThumbnail(ctx, ref, lineVideoExtensions.has(ext));
      return;
    }
    case 'thumbnail':
      if (!lineImageExtensions.has(ext)) {
        ctx.report({ code: 'media.thumbnail-format', severity: 'error', pointer: ref.pointer, message: `A LINE video thumbnail must be a jpeg or png image, not .${ext}.`, data: { extension: ext } });
      }
      return;
    case 'card-image':
      if (!lineImageExtensions.has(ext)) {
        ctx.report({
          code: 'card.image-format',
          severity: 'error',
          pointer: ref.pointer,
          message: `A LINE card shows a jpeg or png image only; .${ext} cannot be used here.`,
          data: { extension: ext },
        });
      }
      return;
  }
}

function checkVideoThumbnail(ctx: RuleContext, ref: MediaRef, isVideo: boolean) {
  const owner = ctx.anatomy.message?.media_message;
  if (!isVideo || !isObject(owner)) return;
  const thumbnail = owner.thumbnail_url;
  if (typeof thumbnail !== 'string' || thumbnail.trim() === '') {
    ctx.report({
      code: 'media.thumbnail-missing',
      severity: 'error',
      pointer: typeof thumbnail === 'string' ? childPointer(ref.ownerPointer, 'thumbnail_url') : ref.pointer,
      message: 'A LINE video needs a thumbnail_url (jpeg or png, at most 1 MB). Tip: a 1-pixel image works as a universal thumbnail.',
    });
  }
}

function truncate(value: string): string {
  return value.length > 60 ? value.slice(0, 57) + '…' : value;
}

/**
 * Why an https: URL cannot be fetched, or undefined. The WHATWG parser is lenient where LINE's fetcher is not
 * ("https:///a.png" parses with host "a.png"), so the authority is checked as written. Placeholders stand for
 * valid text.
 */
export function malformedUrl(url: string): string | undefined {
  // Remembered for the URLs seen lately, like their formats: the editor checks the same URLs on every keystroke.
  if (recentVerdicts.has(url)) return recentVerdicts.get(url);
  if (recentVerdicts.size >= 1000) recentVerdicts.clear();
  const verdict = judgeUrl(url);
  recentVerdicts.set(url, verdict);
  return verdict;
}

const recentVerdicts = new Map<string, string | undefined>();

function judgeUrl(url: string): string | undefined {
  const filled = url.replace(/\{\{[^{}]*\}\}/g, 'x');
  if (filled !== filled.trim()) return 'it starts or ends with white space';
  const authority = /^https:\/\/([^/?#]*)/i.exec(filled);
  if (!authority) return 'https: must be followed by // and a host';
  if (authority[1] === '') return 'it has no host';
  if (/\s/.test(authority[1]!)) return 'its host holds white space';
  let parsed: URL;
  try {
    parsed = new URL(filled);
  } catch {
    const port = /:(\d*)$/.exec(authority[1]!.replace(/^.*@/, ''));
    if (port && !authority[1]!.endsWith(']') && (port[1] === '' || Number(port[1]) > 65535)) return `its port "${port[1]}" is not a number from 0 to 65535`;
    return 'its host or port is not valid';
  }
  if (parsed.hostname === '') return 'it has no host';
  return undefined;
}
