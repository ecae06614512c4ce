import type { CallbackRecord } from '../webhook/callbackRecord';
import type { SentMessage, SentMessageLog, TimelineEvent, TimelineKind } from './sentMessages';

export interface TimelineLink {
  sentId: string;
  event: TimelineEvent;
  learned: { conversationId?: string; contactId?: string };
}

const kindOfStatus: Record<string, TimelineKind> = {
  QUEUED_ON_CHANNEL: 'queued',
  DELIVERED: 'delivered',
  READ: 'read',
  FAILED: 'failed',
  SWITCHING_CHANNEL: 'switching',
};

function trackingIdOf(sent: SentMessage): string | undefined {
  const body = sent.request.body as { channel_properties?: Record<string, unknown> } | undefined;
  const id = body?.channel_properties?.LINE_VIDEO_TRACKING_ID;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Which send a callback is about, and the event to add to its timeline: a delivery report by its message_id; a
 * choice reply by the message it answers; any other inbound message as a reply in the send's conversation (or to
 * its contact); a video-play-complete event by the LINE_VIDEO_TRACKING_ID that was sent.
 */
export function linkCallback(record: CallbackRecord, log: Pick<SentMessageLog, 'byMessageId' | 'latestIn' | 'list'>): TimelineLink | undefined {
  if (!record.accepted) return undefined;
  const details = record.details;
  const at = details?.eventTime ?? record.receivedAt;
  const learned = { conversationId: record.conversationId, contactId: record.contactId };
  const base = { at, summary: record.summary, callbackId: record.id };
  if (record.trigger === 'MESSAGE_DELIVERY' && record.messageId) {
    const sent = log.byMessageId(record.messageId);
    if (!sent) return undefined;
    const kind = kindOfStatus[details?.deliveryStatus ?? ''] ?? 'other';
    return { sentId: sent.id, learned, event: { ...base, kind, ...(kind === 'failed' && details?.reason ? { reason: details.reason } : {}) } };
  }
  if (record.trigger === 'MESSAGE_INBOUND' && details?.kind.startsWith('inbound')) {
    const sent =
      (details.inReplyTo ? log.byMessageId(details.inReplyTo) : undefined) ??
      log.latestIn(record.conversationId, record.contactId);
    if (!sent) return undefined;
    return { sentId: sent.id, learned, event: { ...base, kind: 'reply' } };
  }
  if (details?.trackingId) {
    const sent = log.list().find((s) => trackingIdOf(s) === details.trackingId);
    if (sent) return { sentId: sent.id, learned: {}, event: { ...base, kind: 'other' } };
  }
  return undefined;
}
