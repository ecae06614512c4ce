// Helpers of the send tests: a client wired to a fake, and payload texts.
import { TokenCache } from '../../../src/core/conversation/tokenCache';
import { ConversationApi } from '../../../src/core/conversation/conversationApi';
import { createDispatcher } from '../../../src/core/http/dispatcher';
import type { FakeConversationApi } from '../../support/fakeConversationApi';

export function clientFor(fake: FakeConversationApi, options: { timeoutMs?: number; keySecret?: string; tokens?: TokenCache } = {}) {
  const dispatcher = createDispatcher({ timeoutMs: options.timeoutMs ?? 5000 });
  const tokens = options.tokens ?? new TokenCache(dispatcher);
  const api = new ConversationApi({ environment: fake.environment(), keySecret: options.keySecret ?? fake.options.keySecret, dispatcher, tokens, timeoutMs: options.timeoutMs ?? 5000 });
  return { api, dispatcher, tokens };
}

export function textPayload(appId: string, text = 'Hello from the tests', recipient = 'U4623f0a8b57a0b1a2a4e5bb56e1b5e11'): string {
  return JSON.stringify(
    {
      app_id: appId,
      recipient: { identified_by: { channel_identities: [{ channel: 'LINE', identity: recipient }] } },
      message: { text_message: { text } },
    },
    null,
    2,
  );
}

export function cardPayload(appId: string, title: string): string {
  return JSON.stringify(
    {
      app_id: appId,
      recipient: { contact_id: '01CONTACT0000000000000000' },
      message: { card_message: { title, description: 'A card', media_message: { url: 'https://example.com/a.png' } } },
    },
    null,
    2,
  );
}
