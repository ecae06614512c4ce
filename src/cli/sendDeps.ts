// The network half of send and webhooks, loaded only when a request is made (undici is most of start-up time).
export { ConversationApi } from '../core/conversation/conversationApi';
export { TokenCache } from '../core/conversation/tokenCache';
export { createDispatcher } from '../core/http/dispatcher';
export { sendPayload } from '../core/send/sendPayload';
