/**
 * One request the webhook listener received, accepted or not. Plain data, kept in the extension's storage and
 * printed by the CLI; it holds what Sinch sent (the signature headers are not secrets) and never the webhook secret.
 */
export interface CallbackRecord {
  /** Local id, unique within a store. */
  id: string;
  /** ISO time the request arrived. */
  receivedAt: string;
  method: string;
  path: string;
  /** The request headers, lower-case names. */
  headers: Record<string, string>;
  /** The body as received, decoded as UTF-8 (bounded by the listener's body limit). */
  rawBody: string;
  /** What the listener answered. */
  status: number;
  accepted: boolean;
  /** Why it was refused: "signature does not match the secret", "timestamp 3,600 s old", … */
  rejectReason?: string;
  /** 'verified' (a secret is set and it matched), 'unchecked' (no secret set), 'rejected'. */
  signature: 'verified' | 'unchecked' | 'rejected';
  /** MESSAGE_INBOUND, MESSAGE_DELIVERY, …, or UNKNOWN; see triggers.ts. */
  trigger: string;
  /** The top-level keys that name kinds of callback (more than one, or an unknown one, is kept and shown). */
  kindKeys: string[];
  /** One line a person can read: "Inbound text from U4623…: \"Text MO\"". */
  summary: string;
  appId?: string;
  contactId?: string;
  conversationId?: string;
  /** The message a delivery report is about, or the inbound message's own id. */
  messageId?: string;
  /** When the callback was forwarded to the user's own handler: what it answered. */
  forward?: { url: string; status?: number; latencyMs?: number; error?: string };
  /** What the callback says, beyond the ids above (all optional: older records and odd callbacks lack them). */
  details?: CallbackDetails;
}

export interface CallbackDetails {
  /** A finer kind than the trigger, for icons and filters: 'inbound-text', 'delivery-failed', 'opt-out', … */
  kind: string;
  /** ISO time the event happened (event_time, else accepted_time). */
  eventTime?: string;
  channel?: string;
  /** The contact's identity on the channel (a LINE user id). */
  identity?: string;
  /** QUEUED_ON_CHANNEL, DELIVERED, READ, FAILED, SWITCHING_CHANNEL. */
  deliveryStatus?: string;
  reason?: { code?: string; description?: string; sub_code?: string };
  /** For inbound media: the URL, and when it stops working (7 days after the callback was accepted). */
  mediaUrl?: string;
  mediaExpiresAt?: string;
  /** The message a choice reply answers. */
  inReplyTo?: string;
  /** LINE_VIDEO_TRACKING_ID of a video-play-complete event. */
  trackingId?: string;
  /** unsupported_callback.payload parsed (LINE's own webhook body), or undefined when it is not JSON. */
  decodedPayload?: unknown;
  /** The request body was cut at the listener's limit. */
  truncated?: boolean;
}
