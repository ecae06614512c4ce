export { chatStyles } from './chatStyles';
export { escapeHtml } from './escape';
export { lineViewOf } from './fromConversation';
export type { ChatView, BubbleView, BubbleKind, ActionKind } from './lineView';
export { type PreviewTheme, type RenderInput, type RenderOptions, renderMessage } from './renderMessage';
export { type PageOptions, renderPage } from './renderPage';
