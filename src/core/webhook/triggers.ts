/**
 * A callback carries no trigger field: its top-level key names it (Sinch Conversation API callbacks reference).
 * Keys not in this table are kept and shown as they are, never dropped.
 */
export const triggerByKey: Readonly<Record<string, string>> = {
  message: 'MESSAGE_INBOUND',
  message_delivery_report: 'MESSAGE_DELIVERY',
  message_submit_notification: 'MESSAGE_SUBMIT',
  event: 'EVENT_INBOUND',
  event_delivery_report: 'EVENT_DELIVERY',
  opt_in_notification: 'OPT_IN',
  opt_out_notification: 'OPT_OUT',
  contact_create_notification: 'CONTACT_CREATE',
  contact_delete_notification: 'CONTACT_DELETE',
  contact_merge_notification: 'CONTACT_MERGE',
  contact_update_notification: 'CONTACT_UPDATE',
  contact_identities_duplication_notification: 'CONTACT_IDENTITIES_DUPLICATION',
  conversation_start_notification: 'CONVERSATION_START',
  conversation_stop_notification: 'CONVERSATION_STOP',
  conversation_delete_notification: 'CONVERSATION_DELETE',
  capability_notification: 'CAPABILITY',
  channel_event_notification: 'CHANNEL_EVENT',
  smart_conversation_notification: 'SMART_CONVERSATIONS',
  unsupported_callback: 'UNSUPPORTED',
  record_notification: 'RECORD_NOTIFICATION',
};

/** Every trigger a webhook can subscribe to (the API's WebhookTrigger enum). */
export const allTriggers = [
  'UNSPECIFIED_TRIGGER',
  'MESSAGE_DELIVERY',
  'MESSAGE_SUBMIT',
  'MESSAGE_INBOUND',
  'EVENT_DELIVERY',
  'EVENT_INBOUND',
  'SMART_CONVERSATIONS',
  'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION',
  'CONVERSATION_START',
  'CONVERSATION_STOP',
  'CONVERSATION_DELETE',
  'CONTACT_CREATE',
  'CONTACT_DELETE',
  'CONTACT_MERGE',
  'CONTACT_UPDATE',
  'CONTACT_IDENTITIES_DUPLICATION',
  'UNSUPPORTED',
  'OPT_IN',
  'OPT_OUT',
  'CHANNEL_EVENT',
  'CAPABILITY',
  'RECORD_NOTIFICATION',
] as const;

/** What a LINE integration needs to see: every callback the spec page shows. */
export const defaultLineTriggers = ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'OPT_IN', 'OPT_OUT', 'CONTACT_CREATE', 'UNSUPPORTED'] as const;

export interface TriggerOfCallback {
  /** The trigger of the first known top-level key, or 'UNKNOWN' when none is known. */
  trigger: string;
  /** Every top-level key that names a callback kind, known or not (not the envelope's own fields). */
  kindKeys: string[];
}

/** The envelope fields every callback shares; any other top-level key is a kind of callback. */
const envelopeKeys = new Set(['app_id', 'accepted_time', 'event_time', 'project_id', 'message_metadata', 'correlation_id']);

export function triggerOf(callback: unknown): TriggerOfCallback {
  if (typeof callback !== 'object' || callback === null || Array.isArray(callback)) return { trigger: 'UNKNOWN', kindKeys: [] };
  const kindKeys = Object.keys(callback).filter((k) => !envelopeKeys.has(k));
  const known = kindKeys.find((k) => Object.hasOwn(triggerByKey, k));
  return { trigger: known ? triggerByKey[known]! : 'UNKNOWN', kindKeys };
}
