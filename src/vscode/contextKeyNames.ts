// No vscode import: the unit tests hold the walkthrough's completionEvents against these names.

/** The context keys the menus and the walkthrough's completionEvents read, set through ContextKeys. */
export const contextKeys = {
  hasEnvironment: 'convapiLine.hasEnvironment',
  hasSent: 'convapiLine.hasSent',
  lineChannelConfigured: 'convapiLine.lineChannelConfigured',
  webhookRegistered: 'convapiLine.webhookRegistered',
  hasCallback: 'convapiLine.hasCallback',
} as const;

export type ContextKey = (typeof contextKeys)[keyof typeof contextKeys];
