import * as vscode from 'vscode';
import type { CallbackRecord } from '../../core/webhook/callbackRecord';
import type { CallbackHistory } from './callbackHistory';
import { callbackDocumentText } from './callbackPresentation';

export const callbackScheme = 'convapi-callback';

/** Read-only documents of received callbacks: convapi-callback:/<id>/<kind>.jsonc. */
export class CallbackDocuments implements vscode.TextDocumentContentProvider {
  constructor(readonly history: CallbackHistory) {}

  static uriOf(record: CallbackRecord): vscode.Uri {
    const name = (record.details?.kind ?? record.trigger.toLowerCase()).replace(/[^\w-]+/g, '-') || 'callback';
    return vscode.Uri.from({ scheme: callbackScheme, path: `/${record.id}/${name}.jsonc` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.split('/')[1] ?? '';
    const record = this.history.store.get(id);
    return record ? callbackDocumentText(record) : `// Callback ${id} is no longer kept (cleared, or pushed out by newer ones).\n`;
  }
}
