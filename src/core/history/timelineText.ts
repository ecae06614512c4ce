import type { SentMessage, TimelineEvent } from './sentMessages';

/** How a timeline event reads in the sent-messages view ("queued on channel", "failed: RECIPIENT_NOT_REACHABLE"). */
export const timelineWords: Record<TimelineEvent['kind'], string> = {
  queued: 'queued on channel',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  switching: 'switching channel',
  reply: 'replied',
  other: 'event',
};

export function eventLabel(event: TimelineEvent): string {
  return event.kind === 'failed' && event.reason?.code ? `failed: ${event.reason.code}` : timelineWords[event.kind];
}

/** "sent → queued on channel → replied": one send's story in a line. */
export function timelineOf(entry: Pick<SentMessage, 'messageId' | 'events'>): string {
  return [entry.messageId ? 'sent' : 'not sent', ...entry.events.map(eventLabel)].join(' → ');
}
