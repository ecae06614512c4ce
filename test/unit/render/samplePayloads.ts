// Payloads shared by the renderer's unit tests and the browser suites. Media live on hosts the browser tests serve
// themselves (media.test) or block (blocked.test), so nothing here ever needs the network.

export const mediaHost = 'https://media.test';

const envelope = (message: Record<string, unknown>) => ({ app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message });

export const choices = {
  postback: (text: string, data = 'yes') => ({ text_message: { text }, postback_data: data }),
  url: (title: string, url = 'https://shop.example.com/sale') => ({ url_message: { title, url } }),
  call: (title: string, phone = '+15551234567') => ({ call_message: { title, phone_number: phone } }),
  location: (title: string) => ({ location_message: { title, label: 'Shibuya, Tokyo', coordinates: { latitude: 35.658, longitude: 139.7016 } } }),
  calendar: (title: string) => ({ calendar_message: { title, event_start: '2025-01-01T10:00:00Z', event_end: '2025-01-01T11:00:00Z', event_title: title, fallback_url: 'https://example.com/event.ics' } }),
};

export function card(overrides: Record<string, unknown> = {}) {
  return envelope({
    card_message: {
      title: 'Summer sale',
      description: '20% off every sticker pack until Sunday.',
      media_message: { url: `${mediaHost}/sale.png` },
      choices: [choices.postback('Yes please'), choices.url('Open the shop'), choices.call('Call the store'), choices.location('Find a store')],
      ...overrides,
    },
  });
}

export function carousel(count: number, buttons = 3) {
  const all = [choices.postback('Buy now'), choices.url('Details'), choices.call('Ask us'), choices.location('Store')];
  return envelope({
    carousel_message: {
      cards: Array.from({ length: count }, (_, i) => ({
        title: `Pack ${i + 1}`,
        description: `Sticker pack number ${i + 1}, 40 stickers.`,
        media_message: { url: `${mediaHost}/pack-${i + 1}.png` },
        choices: all.slice(0, buttons),
      })),
    },
  });
}

export const text = (value: string) => envelope({ text_message: { text: value } });

export const choice = () =>
  envelope({
    choice_message: {
      text_message: { text: 'How would you like to get your order?' },
      choices: [choices.postback('Delivery'), choices.postback('Pick up'), choices.url('Track an order')],
    },
  });

export const image = (url = `${mediaHost}/photo.jpg`) => envelope({ media_message: { url } });
/** `null` leaves the thumbnail out, which LINE refuses for a video. */
export const video = (thumbnail: string | null = `${mediaHost}/thumb.jpg`) =>
  envelope({ media_message: thumbnail === null ? { url: `${mediaHost}/clip.mp4` } : { url: `${mediaHost}/clip.mp4`, thumbnail_url: thumbnail } });
export const audio = () => envelope({ media_message: { url: `${mediaHost}/voice.m4a` } });

export const location = () =>
  envelope({ location_message: { title: 'LINE Store Harajuku', label: '1-14-30 Jingumae, Shibuya, Tokyo', coordinates: { latitude: 35.6702, longitude: 139.7027 } } });

export const explicitLine = (messages: unknown[]) => envelope({ explicit_channel_message: { LINE: JSON.stringify({ messages }) } });
export const sticker = (packageId = '446', stickerId = '1988') => explicitLine([{ type: 'sticker', packageId, stickerId }]);

export const list = () =>
  envelope({
    list_message: {
      title: 'Our menu',
      description: 'Pick a dish',
      sections: [{ title: 'Mains', items: [{ choice: { title: 'Ramen', description: 'Tonkotsu broth', postback_data: 'ramen' } }, { choice: { title: 'Curry', postback_data: 'curry' } }] }],
    },
  });

export const contactInfo = () =>
  envelope({
    contact_info_message: {
      name: { full_name: 'Hana Sato' },
      phone_numbers: [{ phone_number: '+81312345678', type: 'WORK' }],
      email_addresses: [{ email_address: 'hana@example.com' }],
    },
  });

export const template = () =>
  envelope({ template_message: { omni_template: { template_id: 'order-shipped', version: '2', language_code: 'ja-JP', parameters: { name: 'Hana' } } } });

/** Several LINE message kinds in one payload, through explicit_channel_message (up to 5 messages). */
export const explicitShowcase = () =>
  explicitLine([
    { type: 'text', text: 'Thanks for your order! Here is a sticker for you:' },
    { type: 'sticker', packageId: '446', stickerId: '1988' },
    { type: 'location', title: 'LINE Store Harajuku', address: '1-14-30 Jingumae, Shibuya, Tokyo', latitude: 35.6702, longitude: 139.7027 },
    {
      type: 'template',
      altText: 'Rate us',
      template: { type: 'confirm', text: 'Did the parcel arrive in good shape?', actions: [{ type: 'message', label: 'Yes', text: 'yes' }, { type: 'message', label: 'No', text: 'no' }] },
    },
  ]);

export const squareTemplate = () =>
  explicitLine([
    {
      type: 'template',
      altText: 'Menu',
      template: {
        type: 'buttons',
        thumbnailImageUrl: `${mediaHost}/square.png`,
        imageAspectRatio: 'square',
        title: 'Menu',
        text: 'Please select',
        actions: [{ type: 'postback', label: 'Buy', data: 'action=buy' }, { type: 'uri', label: 'View detail', uri: 'https://example.com/page/123' }, { type: 'uri', label: 'Call', uri: 'tel:+81312345678' }],
      },
    },
  ]);

export const hostile = '<img src=x onerror=alert(1)>';
