import { childPointer } from '../json/pointer';
import { type MessageKind, isObject, messageKindLabels } from '../payload/messageKinds';
import type { BubbleView, TranscodedLine } from './lineView';

/**
 * LINE has no list or contact card: the Conversation API sends their content as text (a template message becomes
 * the message stored for it, shown here by its reference). The
 * exact wording is Sinch's and is not documented, so the preview shows the content LINE gets, line by line, and
 * says so.
 */
export function transcodedBubble(kind: MessageKind, body: Record<string, unknown>, pointer: string): BubbleView {
  const lines: TranscodedLine[] = [];
  const line = (container: unknown, at: string, key: string, style: TranscodedLine['style'], prefix = '') => {
    if (!isObject(container)) return;
    const value = container[key];
    if (typeof value === 'string' && value !== '') lines.push({ pointer: childPointer(at, key), value: prefix + value, style });
  };
  let note = 'Sent to LINE as text; the exact wording is decided by the Conversation API.';

  if (kind === 'list_message') {
    line(body, pointer, 'title', 'title');
    line(body, pointer, 'description', 'body');
    eachItem(body.sections, childPointer(pointer, 'sections'), (section, at) => {
      line(section, at, 'title', 'heading');
      eachItem(section.items, childPointer(at, 'items'), (item, itemAt) => {
        if (isObject(item.choice)) {
          line(item.choice, childPointer(itemAt, 'choice'), 'title', 'item', '• ');
          line(item.choice, childPointer(itemAt, 'choice'), 'description', 'body');
        } else if (isObject(item.product)) {
          line(item.product, childPointer(itemAt, 'product'), 'id', 'item', '• Product ');
        }
      });
    });
  } else if (kind === 'contact_info_message') {
    line(body.name, childPointer(pointer, 'name'), 'full_name', 'title');
    if (isObject(body.organization)) line(body.organization, childPointer(pointer, 'organization'), 'company', 'body');
    eachItem(body.phone_numbers, childPointer(pointer, 'phone_numbers'), (phone, at) => line(phone, at, 'phone_number', 'item', 'Phone: '));
    eachItem(body.email_addresses, childPointer(pointer, 'email_addresses'), (email, at) => line(email, at, 'email_address', 'item', 'Email: '));
    eachItem(body.urls, childPointer(pointer, 'urls'), (url, at) => line(url, at, 'url', 'item', 'Web: '));
    eachItem(body.addresses, childPointer(pointer, 'addresses'), (address, at) => {
      const parts = ['address_line_1', 'address_line_2', 'city', 'postal_code', 'country']
        .map((k) => address[k])
        .filter((v): v is string => typeof v === 'string' && v !== '');
      if (parts.length > 0) lines.push({ pointer: at, value: `Address: ${parts.join(', ')}`, style: 'item' });
    });
    line(body, pointer, 'birthday', 'item', 'Birthday: ');
  } else {
    const [reference, at] = templateReference(body, pointer);
    line(reference, at, 'template_id', 'title', 'Template ');
    line(reference, at, 'version', 'body', 'Version ');
    line(reference, at, 'language_code', 'body', 'Language ');
    if (isObject(reference) && isObject(reference.parameters)) {
      for (const [key, value] of Object.entries(reference.parameters)) {
        if (typeof value === 'string') lines.push({ pointer: childPointer(childPointer(at, 'parameters'), key), value: `${key} = ${value}`, style: 'item' });
      }
    }
    note = 'The Conversation API resolves this template to the message stored in its template store at send time, and sends that message to LINE: drawn natively if LINE has its type, transcoded otherwise.';
  }

  if (lines.length === 0) lines.push({ pointer, value: `(an empty ${messageKindLabels[kind]})`, style: 'body' });
  return { kind: 'transcoded', pointer, from: messageKindLabels[kind], lines, note };
}

function eachItem(list: unknown, pointer: string, visit: (item: Record<string, unknown>, at: string) => void) {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (isObject(item)) visit(item, childPointer(pointer, i));
  });
}

/** A LINE channel template overrides the omni template for LINE; other channels' templates do not apply. */
function templateReference(body: Record<string, unknown>, pointer: string): [unknown, string] {
  if (isObject(body.channel_template) && isObject(body.channel_template.LINE)) {
    return [body.channel_template.LINE, childPointer(childPointer(pointer, 'channel_template'), 'LINE')];
  }
  if (isObject(body.omni_template)) return [body.omni_template, childPointer(pointer, 'omni_template')];
  return [undefined, pointer];
}
