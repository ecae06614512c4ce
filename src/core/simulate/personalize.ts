/** Who a sample callback should be about: the app of the active environment, a contact seen in real callbacks. */
export interface Personalization {
  appId?: string;
  contactId?: string;
}

/** Objects that are a contact, so their `id` is the contact id. */
const contactKeys = new Set(['contact', 'preserved_contact']);

/**
 * The callback with every `app_id` set to `appId` and every contact id (`contact_id`, a notification's
 * `contact.id`) set to `contactId`, so a sample reads like a callback of the user's own app. Without either, the
 * text is returned untouched: the bytes sent are the bytes of the file.
 */
export function personalizeCallback(text: string, { appId, contactId }: Personalization): string {
  if (!appId && !contactId) return text;
  const value: unknown = JSON.parse(text);
  const visit = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item));
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'app_id' && appId && typeof v === 'string') out[k] = appId;
      else if (k === 'contact_id' && contactId && typeof v === 'string') out[k] = contactId;
      else if (k === 'id' && contactId && key !== undefined && contactKeys.has(key) && typeof v === 'string') out[k] = contactId;
      else out[k] = visit(v, k);
    }
    return out;
  };
  try {
    return JSON.stringify(visit(value));
  } catch (error) {
    if (error instanceof RangeError) throw new PersonalizeError('the callback is nested too deeply to put an app or contact id in; send it as it is');
    throw error;
  }
}

export class PersonalizeError extends Error {}
