import { lineLimits } from '../line/limits';
import { mediaFormatOf, lineVideoExtensions } from '../payload/mediaFormat';
import { isObject } from '../payload/messageKinds';
import { hasPlaceholder, withoutPlaceholders } from '../payload/placeholders';
import type { Rule } from './ruleContext';

const trackingIdCharacters = /^[A-Za-z0-9\-.=,+*()%$&;:@{}!?<>[\]]*$/;
const pointer = '/channel_properties/LINE_VIDEO_TRACKING_ID';

export const channelPropertyRules: Rule = (ctx) => {
  const payload = ctx.payload;
  if (!isObject(payload) || !isObject(payload.channel_properties)) return;
  const trackingId = payload.channel_properties.LINE_VIDEO_TRACKING_ID;
  if (typeof trackingId !== 'string') return;

  const media = ctx.anatomy.message?.media_message;
  const url = isObject(media) && typeof media.url === 'string' ? media.url : undefined;
  const isVideo = url !== undefined && (lineVideoExtensions.has(mediaFormatOf(url).extension) || (hasPlaceholder(url) && mediaFormatOf(url).category === 'unknown'));
  if (!isVideo) {
    ctx.report({
      code: 'line.video-tracking-id.without-video',
      severity: 'warning',
      pointer,
      span: 'key',
      message: 'LINE_VIDEO_TRACKING_ID only applies to a video media message (mp4 with a thumbnail); LINE ignores it here.',
    });
  }
  if (trackingId.length > lineLimits.videoTrackingId) {
    // As for every limited string: a placeholder makes the length an estimate, unless it is over even without it.
    const estimated = hasPlaceholder(trackingId) && withoutPlaceholders(trackingId).length <= lineLimits.videoTrackingId;
    ctx.report({
      code: 'line.video-tracking-id.too-long',
      severity: estimated ? 'warning' : 'error',
      pointer,
      message: `LINE_VIDEO_TRACKING_ID is ${trackingId.length} characters${estimated ? ' counting {{placeholders}} as written' : ''}; LINE allows at most ${lineLimits.videoTrackingId}.`,
      data: { limit: lineLimits.videoTrackingId, actual: trackingId.length },
    });
  }
  // Placeholder names may use characters LINE refuses ("_"): judge only the text around them.
  const written = withoutPlaceholders(trackingId);
  if (!trackingIdCharacters.test(written)) {
    const bad = [...new Set([...written].filter((c) => !trackingIdCharacters.test(c)))].map((c) => JSON.stringify(c)).join(', ');
    ctx.report({
      code: 'line.video-tracking-id.characters',
      severity: 'error',
      pointer,
      message: `LINE_VIDEO_TRACKING_ID may only use A-Z a-z 0-9 and -.=,+*()%$&;:@{}!?<>[]; found ${bad}.`,
    });
  }
};
