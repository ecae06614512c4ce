import * as vscode from 'vscode';

/** Context keys of the send feature (walkthrough and menus read them). */
export const contextKeys = {
  hasEnvironment: 'convapiLine.hasEnvironment',
  hasSent: 'convapiLine.hasSent',
  lineChannelConfigured: 'convapiLine.lineChannelConfigured',
  webhookRegistered: 'convapiLine.webhookRegistered',
} as const;

export function setContext(key: (typeof contextKeys)[keyof typeof contextKeys], value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
