import * as vscode from 'vscode';
import { defaultBudgetMs } from '../../core/simulate/contractTest';
import { type PostOutcome, postCallback } from '../../core/simulate/postCallback';
import { callbackHeaders } from '../../core/simulate/signCallback';
import { dispatcherFor, parseTargetUrl } from '../../core/simulate/targetUrl';
import type { SettingsStore } from '../config';
import type { ResponseDocuments } from './responseDocuments';

/** What a send command returns (to its caller, tests included): the answer and where it went. */
export interface CallbackSendResult extends PostOutcome {
  url: string;
  what: string;
  signed: boolean;
}

/**
 * Posts one callback, freshly signed, and shows the answer: status and latency in a notification, the response body
 * a click away, everything in the log (never the secret). Sets convapiLine.sampleCallbackSent once a handler answered.
 */
export class CallbackSender {
  constructor(
    readonly log: vscode.LogOutputChannel,
    readonly settings: SettingsStore,
    readonly responses: ResponseDocuments,
  ) {}

  async send(what: string, url: string, body: string, secret: string | null): Promise<CallbackSendResult | undefined> {
    const target = parseTargetUrl(url);
    if ('error' in target) {
      void vscode.window.showErrorMessage(`Callback not sent: ${target.error}.`);
      return undefined;
    }
    const headers = callbackHeaders(body, secret ?? undefined);
    const outcome = await vscode.window.withProgress(
      // The status bar, not a notification: most answers take milliseconds, and the budget bounds the rest.
      { location: vscode.ProgressLocation.Window, title: `Sending ${what}…` },
      async () => {
        const dispatcher = dispatcherFor(target.url, this.settings.current.http);
        try {
          return await postCallback(target.url.href, body, headers, { timeoutMs: this.settings.current.simulator.timeoutMs, dispatcher });
        } finally {
          void dispatcher.close().catch(() => undefined);
        }
      },
    );
    const result: CallbackSendResult = { ...outcome, url: target.url.href, what, signed: secret !== null };
    this.log.info(`Callback ${what} → ${result.url}${result.signed ? ' (signed)' : ' (unsigned)'}: ${result.status ?? result.error} in ${result.latencyMs} ms`);
    if (result.status !== undefined) await vscode.commands.executeCommand('setContext', 'convapiLine.sampleCallbackSent', true);
    void this.#show(result);
    return result;
  }

  async #show(result: CallbackSendResult): Promise<void> {
    const showBody = 'Show Response';
    if (result.status === undefined) {
      const note = result.timedOut ? ` (convapiLine.simulator.timeout; ${defaultBudgetMs} ms by default is an assumption: the Conversation API documents no callback timeout)` : '';
      void vscode.window.showErrorMessage(`${result.what}: no answer from ${result.url}: ${result.error}${note}.`);
      return;
    }
    const line = `${result.what} → ${result.status} in ${result.latencyMs} ms from ${result.url}${result.signed ? '' : ' (sent unsigned)'}`;
    const ok = result.status >= 200 && result.status < 300;
    const choice = await (ok ? vscode.window.showInformationMessage(line, showBody) : vscode.window.showWarningMessage(`${line}: a handler must answer 2xx.`, showBody));
    if (choice === showBody) await this.responses.show(`${result.status}-${result.what}`, result.body);
  }
}
