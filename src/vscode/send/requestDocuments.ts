import * as vscode from 'vscode';
import type { SentMessagesStore } from '../history/sentMessagesStore';

export const sentRequestScheme = 'convapi-line-sent';

/**
 * Read-only documents showing one send: the request (method, URL, headers without the token, body) and the
 * answer. A content provider rather than an untitled file, so it cannot be edited and mistaken for the payload.
 */
export class SentRequestDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: SentMessagesStore) {}

  static uriOf(id: string, label: string): vscode.Uri {
    return vscode.Uri.from({ scheme: sentRequestScheme, path: `/${label.replace(/[^\w.-]+/g, '-')}.json`, query: id });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.store.log.get(uri.query);
    if (!entry) return '// This send is no longer in the history.\n';
    const shown = {
      request: {
        method: entry.request.method,
        url: entry.request.url,
        headers: { authorization: 'Bearer $SINCH_TOKEN', 'content-type': 'application/json' },
        body: entry.request.body,
      },
      response: entry.response ?? null,
      ...(entry.error ? { error: entry.error } : {}),
      sentAt: entry.sentAt,
      environment: entry.environment,
      ...(entry.file ? { file: entry.file } : {}),
    };
    return JSON.stringify(shown, null, 2) + '\n';
  }
}
