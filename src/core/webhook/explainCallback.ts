import type { CallbackDetails, CallbackRecord } from './callbackRecord';
import { triggerOf } from './triggers';

/** What a callback body means, for a person and for the timeline: the record's own fields, so the two cannot drift. */
export type CallbackExplanation = Pick<CallbackRecord, 'trigger' | 'kindKeys' | 'summary' | 'appId' | 'contactId' | 'conversationId' | 'messageId'> & {
  details: CallbackDetails;
};

export interface ExplainContext {
  /** The contact opted out earlier and has not opted in since: an opt-in is then an unblock. */
  optedOutBefore?: (contactId: string | undefined, identity: string | undefined) => boolean;
}

/** The spec page: media a contact sends is kept for 7 days after it is received. */
export const inboundMediaLifetimeDays = 7;

const maxSummary = 240;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** "U4623…": enough of an id to tell contacts apart in a one-line summary. */
export function shortId(id: string | undefined): string {
  if (!id) return 'an unknown contact';
  return id.length > 8 ? `${id.slice(0, 5)}…` : id;
}

const quote = (text: string, max = 80) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

export function clip(text: string, max = maxSummary): string {
  // Most summaries hold no line breaks or runs of spaces: skip the rewrite for them.
  const line = /\s\s|[\n\r\t\f\v]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function mediaExpiry(acceptedTime: string | undefined): string | undefined {
  const at = acceptedTime ? Date.parse(acceptedTime) : NaN;
  return Number.isNaN(at) ? undefined : new Date(at + inboundMediaLifetimeDays * 86_400_000).toISOString();
}

type Part = { summary: string; details: CallbackDetails; contactId?: string; conversationId?: string; messageId?: string };

function explainMessage(m: Obj, acceptedTime: string | undefined): Part {
  const identity = obj(m.channel_identity);
  const who = str(identity.identity);
  const from = m.direction === 'TO_CONTACT' ? `Outbound` : `Inbound`;
  const base: CallbackDetails = { kind: 'inbound', channel: str(identity.channel), identity: who };
  const ids = { contactId: str(m.contact_id), conversationId: str(m.conversation_id), messageId: str(m.id) };
  const content = isObj(m.contact_message) ? m.contact_message : isObj(m.app_message) ? m.app_message : {};
  const [kindKey] = Object.keys(content).filter((k) => k !== 'reply_to' && k !== 'metadata');
  const inner = obj(kindKey ? content[kindKey] : undefined);
  const sender = `from ${shortId(who)}`;
  switch (kindKey) {
    case 'text_message':
      return { ...ids, summary: `${from} text ${sender}: ${quote(String(inner.text ?? ''))}`, details: { ...base, kind: 'inbound-text' } };
    case 'location_message': {
      const c = obj(inner.coordinates);
      const place = [str(inner.title), str(inner.label)].filter(Boolean).join(', ');
      const at = typeof c.latitude === 'number' && typeof c.longitude === 'number' ? ` (${c.latitude}, ${c.longitude})` : '';
      return { ...ids, summary: `${from} location ${sender}: ${place || 'no title'}${at}`, details: { ...base, kind: 'inbound-location' } };
    }
    case 'media_message': {
      const url = str(inner.url);
      const expires = mediaExpiry(acceptedTime);
      const file = url ? url.split(/[?#]/)[0]!.split('/').pop() || url : 'no URL';
      return {
        ...ids,
        summary: `${from} media ${sender}: ${file}${expires ? ` (URL expires ${expires.slice(0, 10)})` : ''}`,
        details: { ...base, kind: 'inbound-media', mediaUrl: url, mediaExpiresAt: expires },
      };
    }
    case 'choice_response_message': {
      const answered = str(inner.message_id);
      const postback = typeof inner.postback_data === 'string' ? ` postback ${quote(inner.postback_data)}` : '';
      return { ...ids, summary: `Choice reply ${sender}:${postback}${answered ? ` to message ${answered}` : ''}`, details: { ...base, kind: 'inbound-choice', inReplyTo: answered } };
    }
    case undefined:
      return { ...ids, summary: `${from} message ${sender} with no content`, details: base };
    default:
      return { ...ids, summary: `${from} ${kindKey.replace(/_message$/, '').replace(/_/g, ' ')} ${sender}`, details: { ...base, kind: `inbound-${kindKey.replace(/_message$/, '')}` } };
  }
}

function explainDelivery(r: Obj, what: 'Delivery' | 'Event delivery'): Part {
  const identity = obj(r.channel_identity);
  const status = str(r.status) ?? 'UNKNOWN STATUS';
  const reason = isObj(r.reason) ? { code: str(r.reason.code), description: str(r.reason.description), sub_code: str(r.reason.sub_code) } : undefined;
  const id = str(r.message_id) ?? str(r.event_id);
  const because = reason && (reason.code || reason.description) ? `: ${[reason.code, reason.description].filter(Boolean).join(' — ')}` : '';
  const tail = because || `${id ? ` for message ${id}` : ''}${identity.identity ? ` to ${shortId(str(identity.identity))}` : ''}`;
  return {
    summary: `${what} ${status}${tail}`,
    contactId: str(r.contact_id),
    conversationId: str(r.conversation_id),
    messageId: id,
    details: { kind: `delivery-${status.toLowerCase().replace(/_/g, '-')}`, deliveryStatus: status, reason, channel: str(identity.channel), identity: str(identity.identity) },
  };
}

function explainOpt(n: Obj, direction: 'in' | 'out', context: ExplainContext): Part {
  const identity = str(n.identity);
  const contactId = str(n.contact_id);
  const status = str(n.status) ?? '';
  const line = n.channel === 'LINE';
  const failed = /FAILED/.test(status);
  const who = `(${shortId(identity ?? contactId)})`;
  let summary: string;
  if (failed) summary = `Opt-${direction} ${status}${str(n.error_details) ? `: ${str(n.error_details)}` : ''} ${who}`;
  else if (direction === 'out') summary = line ? `Opt-out: blocked the bot ${who}` : `Opt-out ${who}`;
  else if (context.optedOutBefore?.(contactId, identity)) summary = line ? `Opt-in: unblocked the bot ${who}` : `Opt-in again ${who}`;
  else summary = line ? `Opt-in: added the bot as a friend ${who}` : `Opt-in ${who}`;
  return { summary, contactId, details: { kind: `opt-${direction}`, channel: str(n.channel), identity } };
}

function explainContact(key: string, n: Obj): Part {
  const contact = obj(n.contact ?? n.preserved_contact);
  const identities = Array.isArray(contact.channel_identities) ? contact.channel_identities.filter(isObj) : [];
  const first = identities[0];
  const verb = key.replace(/^contact_/, '').replace(/_notification$/, '').replace(/_/g, ' ');
  const on = first ? ` (${str(first.channel) ?? '?'} ${shortId(str(first.identity))})` : '';
  const label = verb === 'create' ? 'Contact created' : verb === 'delete' ? 'Contact deleted' : verb === 'update' ? 'Contact updated' : verb === 'merge' ? 'Contacts merged' : `Contact ${verb}`;
  return {
    summary: `${label}: ${str(contact.id) ?? 'no id'}${on}`,
    contactId: str(contact.id),
    details: { kind: `contact-${verb.replace(/ /g, '-')}`, channel: first ? str(first.channel) : undefined, identity: first ? str(first.identity) : undefined },
  };
}

/** LINE's own webhook body inside `unsupported_callback.payload`: one phrase per event. */
function explainUnsupported(u: Obj): Part {
  const channel = str(u.channel) ?? 'channel';
  let decoded: unknown;
  try {
    decoded = typeof u.payload === 'string' ? JSON.parse(u.payload) : u.payload;
  } catch {
    return { summary: `Unsupported ${channel} callback (its payload is not JSON)`, details: { kind: 'unsupported', channel } };
  }
  const events = Array.isArray(obj(decoded).events) ? (obj(decoded).events as unknown[]).filter(isObj) : [];
  let trackingId: string | undefined;
  let identity: string | undefined;
  const phrases = events.map((e) => {
    identity ??= str(obj(e.source).userId);
    if (e.type === 'videoPlayComplete') {
      trackingId ??= str(obj(e.videoPlayComplete).trackingId);
      return `Video play complete: ${str(obj(e.videoPlayComplete).trackingId) ?? 'no tracking id'}`;
    }
    return `${channel} ${String(e.type ?? 'unknown')} event`;
  });
  const summary = phrases.length > 0 ? phrases.join('; ') : `Unsupported ${channel} callback`;
  return {
    summary: `${summary}${identity ? ` (${shortId(identity)})` : ''}`,
    details: { kind: trackingId ? 'video-play-complete' : 'unsupported', channel, identity, trackingId, decodedPayload: decoded },
  };
}

function explainKey(key: string, value: unknown, acceptedTime: string | undefined, context: ExplainContext): Part {
  const v = obj(value);
  switch (key) {
    case 'message':
      return explainMessage(v, acceptedTime);
    case 'message_delivery_report':
      return explainDelivery(v, 'Delivery');
    case 'event_delivery_report':
      return explainDelivery(v, 'Event delivery');
    case 'opt_in_notification':
      return explainOpt(v, 'in', context);
    case 'opt_out_notification':
      return explainOpt(v, 'out', context);
    case 'unsupported_callback':
      return explainUnsupported(v);
    case 'event': {
      const identity = str(obj(v.channel_identity).identity);
      const [eventKind] = Object.keys(obj(v.contact_event ?? v.contact_message_event));
      return {
        summary: `Event from ${shortId(identity)}: ${eventKind ? eventKind.replace(/_event$/, '').replace(/_/g, ' ') : 'unknown'}`,
        contactId: str(v.contact_id),
        conversationId: str(v.conversation_id),
        details: { kind: 'event', identity, channel: str(obj(v.channel_identity).channel) },
      };
    }
    case 'message_submit_notification':
      return { summary: `Message submitted to the channel: ${str(v.message_id) ?? "no id"}`, messageId: str(v.message_id), conversationId: str(v.conversation_id), contactId: str(v.contact_id), details: { kind: 'submit' } };
    case 'conversation_start_notification':
    case 'conversation_stop_notification':
    case 'conversation_delete_notification': {
      const c = obj(v.conversation);
      const verb = key.split('_')[1];
      return { summary: `Conversation ${verb === 'start' ? 'started' : verb === 'stop' ? 'stopped' : 'deleted'}: ${str(c.id) ?? 'no id'}`, conversationId: str(c.id), contactId: str(c.contact_id), details: { kind: `conversation-${verb}` } };
    }
    case 'capability_notification':
      return { summary: `Capability ${str(v.capability_status) ?? ''} for ${shortId(str(v.identity))} on ${str(v.channel) ?? '?'}`, contactId: str(v.contact_id), details: { kind: 'capability', identity: str(v.identity), channel: str(v.channel) } };
    case 'channel_event_notification':
      return { summary: `Channel event on ${str(obj(v.channel_event).channel) ?? '?'}: ${str(obj(v.channel_event).event_type) ?? 'unknown'}`, details: { kind: 'channel-event' } };
    default:
      if (key.startsWith('contact_')) return explainContact(key, v);
      return { summary: `Unknown callback kind "${key}" (kept as received)`, details: { kind: 'unknown' } };
  }
}

/** Explains any parsed body; never throws, whatever it holds. */
export function explainCallback(value: unknown, context: ExplainContext = {}): CallbackExplanation {
  const { trigger, kindKeys } = triggerOf(value);
  if (!isObj(value)) {
    const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return { trigger, kindKeys, summary: `Not a callback: the body is ${what}`, details: { kind: 'unknown' } };
  }
  const acceptedTime = str(value.accepted_time);
  const eventTime = str(value.event_time) ?? acceptedTime;
  const appId = str(value.app_id);
  if (kindKeys.length === 0) return { trigger, kindKeys, summary: 'Callback with no kind (only envelope fields)', appId, details: { kind: 'unknown', eventTime } };
  const parts = kindKeys.map((key) => explainKey(key, value[key], acceptedTime, context));
  // The known kind leads; others are named after it so nothing is hidden.
  const lead = Math.max(0, kindKeys.findIndex((k) => parts[kindKeys.indexOf(k)]!.details.kind !== 'unknown'));
  const main = parts[lead]!;
  const others = kindKeys.filter((_, i) => i !== lead);
  const summary = others.length > 0 ? `${main.summary} (+ ${others.join(', ')})` : main.summary;
  return {
    trigger,
    kindKeys,
    summary: clip(summary),
    appId,
    contactId: main.contactId,
    conversationId: main.conversationId,
    messageId: main.messageId,
    details: { ...main.details, eventTime },
  };
}
