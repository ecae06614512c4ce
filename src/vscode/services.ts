import type * as vscode from 'vscode';
import type { SettingsStore } from './config';
import type { ContextKeys } from './contextKeys';
import type { DiagnosticsManager } from './diagnostics';
import type { SentMessagesStore } from './history/sentMessagesStore';
import type { PayloadDocuments } from './payloadDocuments';
import type { Secrets } from './secrets';

/** What activate() creates once and every feature's register function shares. */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  settings: SettingsStore;
  secrets: Secrets;
  sentMessages: SentMessagesStore;
  payloads: PayloadDocuments;
  diagnostics: DiagnosticsManager;
  contextKeys: ContextKeys;
}
