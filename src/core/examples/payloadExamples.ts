/**
 * Valid starting points for "New LINE Payload…". Media URLs are placeholders: a made-up https URL would be
 * reported unreachable by media pre-flight, and the user has to supply the real file anyway.
 */
export interface PayloadExample {
  id: string;
  label: string;
  detail: string;
  message: Record<string, unknown>;
}

const card = (n: number) => ({
  title: `Item ${n}`,
  description: 'Describe the item in up to 60 characters.',
  media_message: { url: `{{CARD_${n}_IMAGE_URL}}` },
  choices: [
    { text_message: { text: 'Buy' }, postback_data: `action=buy&item=${n}` },
    { url_message: { title: 'Details', url: 'https://example.com/items/' + n } },
  ],
});

export const payloadExamples: readonly PayloadExample[] = [
  { id: 'text', label: 'Text', detail: 'Plain text, up to 5000 characters', message: { text_message: { text: 'Hello from LINE!' } } },
  {
    id: 'card',
    label: 'Card',
    detail: 'Buttons template: image, title ≤40, description ≤60, up to 4 buttons',
    message: {
      card_message: {
        title: 'Spring sale',
        description: 'Everything 20% off until Sunday.',
        media_message: { url: '{{CARD_IMAGE_URL}}' },
        choices: [
          { text_message: { text: 'Show offers' }, postback_data: 'action=offers' },
          { url_message: { title: 'Open shop', url: 'https://example.com/shop' } },
          { call_message: { title: 'Call us', phone_number: '+15551231234' } },
        ],
      },
    },
  },
  {
    id: 'carousel',
    label: 'Carousel',
    detail: 'Up to 10 cards with up to 3 buttons each, all cards alike',
    message: { carousel_message: { cards: [card(1), card(2), card(3)] } },
  },
  {
    id: 'choice',
    label: 'Choice',
    detail: 'Text up to 160 characters with up to 4 buttons',
    message: {
      choice_message: {
        text_message: { text: 'How can we help you today?' },
        choices: [
          { text_message: { text: 'Track order' }, postback_data: 'action=track' },
          { url_message: { title: 'FAQ', url: 'https://example.com/faq' } },
          { call_message: { title: 'Call support', phone_number: '+15551231234' } },
          { location_message: { title: 'Our store', label: '1-9-1 Marunouchi, Tokyo', coordinates: { latitude: 35.6812, longitude: 139.7671 } } },
        ],
      },
    },
  },
  { id: 'image', label: 'Image', detail: 'JPEG or PNG up to 10 MB, HTTPS', message: { media_message: { url: '{{IMAGE_URL}}' } } },
  {
    id: 'video',
    label: 'Video',
    detail: 'MP4 up to 200 MB with a JPEG/PNG thumbnail up to 1 MB',
    message: { media_message: { url: '{{VIDEO_URL}}', thumbnail_url: '{{THUMBNAIL_URL}}' } },
  },
  { id: 'audio', label: 'Audio', detail: 'M4A up to 200 MB', message: { media_message: { url: '{{AUDIO_URL}}' } } },
  {
    id: 'location',
    label: 'Location',
    detail: 'Map pin with title and address, up to 100 characters each',
    message: { location_message: { title: 'Tokyo Station', label: '1 Chome Marunouchi, Chiyoda City, Tokyo', coordinates: { latitude: 35.6812, longitude: 139.7671 } } },
  },
  {
    id: 'sticker',
    label: 'Sticker',
    detail: 'A LINE sticker through explicit_channel_message',
    message: { explicit_channel_message: { LINE: JSON.stringify({ messages: [{ type: 'sticker', packageId: '446', stickerId: '1988' }] }) } },
  },
];

export function examplePayload(example: PayloadExample): Record<string, unknown> {
  return { app_id: '{{APP_ID}}', recipient: { contact_id: '{{CONTACT_ID}}' }, message: example.message };
}

export function exampleText(example: PayloadExample): string {
  return JSON.stringify(examplePayload(example), null, 2) + '\n';
}
