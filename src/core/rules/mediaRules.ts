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
