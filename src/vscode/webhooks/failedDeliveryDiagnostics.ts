import * as vscode from 'vscode';
import type { SentMessage, TimelineEvent } from '../../core/history/sentMessages';
import type { SentMessagesStore } from '../history/sentMessagesStore';

export const failedDeliveryCode = 'delivery.failed';

/** The URL a FAILED report names, as LINE's reason gives it: "The provided media [https://…] could not be reached". */
export function urlInReason(description: string | undefined): string | undefined {
  return description ? /\[(https?:\/\/[^\]\s]+)\]/.exec(description)?.[1] : undefined;
}

/**
 * A FAILED delivery report becomes a diagnostic on the payload file that sent the message, on the media URL LINE could
 * not reach (else on the file's first line). Only the newest send of a file counts: sending it again clears it.
 */
export class FailedDeliveryDiagnostics implements vscode.Disposable {
  readonly #collection = vscode.languages.createDiagnosticCollection('convapiLine.delivery');
  readonly #subscription: vscode.Disposable;
  #pending = Promise.resolve();

  constructor(readonly sentMessages: SentMessagesStore) {
    this.#subscription = sentMessages.onDidChange(() => this.refresh());
    this.refresh();
  }

  refresh(): void {
    this.#pending = this.#pending.then(() => this.#refresh()).catch(() => undefined);
  }

  /** Resolves when the diagnostics reflect the log as it is now (tests). */
  settled(): Promise<void> {
    return this.#pending;
  }

  async #refresh(): Promise<void> {
    const newestByFile = new Map<string, SentMessage>();
    for (const sent of this.sentMessages.log.list()) if (sent.file && !newestByFile.has(sent.file)) newestByFile.set(sent.file, sent);
    const next = new Map<string, vscode.Diagnostic[]>();
    for (const [file, sent] of newestByFile) {
      const failures = sent.events.filter((e) => e.kind === 'failed');
      if (failures.length === 0) continue;
      const uri = vscode.Uri.parse(file);
      let text: vscode.TextDocument | undefined;
      try {
        text = await vscode.workspace.openTextDocument(uri);
      } catch {
        continue;
      }
      next.set(uri.toString(), failures.map((f) => this.#diagnostic(text!, sent, f)));
    }
    this.#collection.clear();
    for (const [uri, diagnostics] of next) this.#collection.set(vscode.Uri.parse(uri), diagnostics);
  }

  #diagnostic(document: vscode.TextDocument, sent: SentMessage, event: TimelineEvent): vscode.Diagnostic {
    const url = urlInReason(event.reason?.description);
    const text = document.getText();
    let range = document.lineAt(0).range;
    if (url) {
      const literal = JSON.stringify(url);
      let at = text.indexOf(literal);
      let length = literal.length;
      if (at < 0) {
        at = text.indexOf(url);
        length = url.length;
      }
      if (at >= 0) range = new vscode.Range(document.positionAt(at), document.positionAt(at + length));
    }
    const reason = [event.reason?.code, event.reason?.description].filter(Boolean).join(' — ') || event.summary;
    const diagnostic = new vscode.Diagnostic(range, `LINE did not deliver message ${sent.messageId ?? ''} sent ${sent.sentAt}: ${reason}`.replace('  ', ' '), vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Conversation API delivery report';
    diagnostic.code = failedDeliveryCode;
    return diagnostic;
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#collection.dispose();
  }
}
