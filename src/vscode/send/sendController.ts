import * as vscode from 'vscode';
import { checkText } from '../../core/check';
import type { Environment } from '../../core/conversation/environment';
import { stripBom } from '../../core/payloadFiles';
import type { Diagnostic } from '../../core/diagnostic';
import type { SentMessage } from '../../core/history/sentMessages';
import { prepareSend } from '../../core/send/prepareSend';
import { sendPayload } from '../../core/send/sendPayload';
import { fromRecord, unresolvedMessage } from '../../core/send/variables';
import type { Services } from '../services';
import type { ApiClients } from './apiClients';
import { sendCommandIds } from './commandIds';
import { contextKeys } from '../contextKeys';
import type { Environments } from './environments';
import { setupEnvironment } from './setupEnvironment';

/**
 * Send Payload: check, ask once about warnings, fill variables, check again, then send once with progress, and
 * report the message_id (or a readable error). Every send, accepted or not, goes to the sent-messages history.
 */
export class SendController {
  #sending = false;

  constructor(
    private readonly services: Services,
    private readonly environments: Environments,
    private readonly clients: ApiClients,
  ) {
    if (services.sentMessages.log.list().some((e) => e.messageId)) services.contextKeys.set(contextKeys.hasSent, true);
  }

  /** From the palette, the editor title or the CodeLens (which passes the document's URI). */
  async sendDocument(uri?: vscode.Uri): Promise<SentMessage | undefined> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showWarningMessage('Open a payload file (*.line.json) to send it.');
      return undefined;
    }
    const file = vscode.workspace.asRelativePath(document.uri);
    // The full check (syntax and schema too): the editor may leave those to VS Code's JSON service.
    const written: Finding[] = checkText(stripBom(document.getText())).diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: d.range.start.line, key: warningKey(d) }));
    written.push(...remoteMediaFindings(document, written));
    const errors = written.filter((d) => d.severity === 'error');
    if (errors.length) return this.#stopOnErrors(document, errors, `${file} has ${plural(errors.length, 'error')}: nothing was sent.`);
    const warnings = written.filter((d) => d.severity === 'warning');
    if (warnings.length) {
      const answer = await vscode.window.showWarningMessage(
        // The warnings themselves in the detail, once: the message says what is being asked.
        `${file} has ${plural(warnings.length, 'warning')}. Send it anyway?`,
        { modal: true, detail: listed(warnings) },
        'Send Anyway',
      );
      if (answer !== 'Send Anyway') return undefined;
    }
    return this.#send(document.getText(), document.uri, file, document, undefined, new Set(warnings.flatMap((w) => (w.key ? [w.key] : []))));
  }

  /**
   * Sends an entry's resolved body again (a new send, a new message_id), after checking it once more: an error still
   * stops it; its warnings were there when it was sent, so they are not asked about again.
   */
  async sendAgain(entry: SentMessage): Promise<SentMessage | undefined> {
    const text = JSON.stringify(entry.request.body, null, 2);
    const env = this.environments.byName(entry.environment);
    return this.#send(text, entry.file ? vscode.Uri.parse(entry.file) : undefined, entry.file ? vscode.workspace.asRelativePath(vscode.Uri.parse(entry.file)) : 'the earlier request', undefined, env, 'all');
  }

  /** `accepted`: the warnings (by warningKey) the person already chose to send with; any other one is asked about first. */
  async #send(text: string, uri: vscode.Uri | undefined, label: string, document: vscode.TextDocument | undefined, preferred?: Environment, accepted: ReadonlySet<string> | 'all' = new Set<string>()): Promise<SentMessage | undefined> {
    if (this.#sending) {
      void vscode.window.showInformationMessage('A send is in progress; wait for its answer first.');
      return undefined;
    }
    let env = preferred ?? this.environments.active;
    if (!env) {
      env = await setupEnvironment(this.environments, 'Sending needs a Conversation API environment: its project, app, region and access key. Set one up in a few steps.');
      if (!env) return undefined;
    }
    const prepared = prepareSend(text, [
      { name: `environment "${env.name}"`, lookup: fromRecord(env.variables) },
      { name: 'process environment', lookup: (n) => process.env[n] },
    ]);
    if (!prepared.ok) {
      if (prepared.stage === 'variables') {
        void vscode.window.showErrorMessage(unresolvedMessage(prepared.missing, `in the "variables" of environment "${env.name}" (convapiLine.environments) or as environment variables`));
        return undefined;
      }
      const errors = prepared.errors;
      const why = prepared.stage === 'resolved-check' ? `With the variables of "${env.name}" filled in, ${label} has ${plural(errors.length, 'error')}: ${errors[0].message} Nothing was sent.` : `${label} has ${plural(errors.length, 'error')}: nothing was sent.`;
      const found = errors.map((d) => ({ severity: d.severity, message: d.message, line: d.range.start.line }));
      return document ? this.#stopOnErrors(document, found, why) : (void vscode.window.showErrorMessage(why), undefined);
    }
    // A value can bring a warning the written payload did not have (a button label past 20 characters): asked too.
    const fresh = accepted === 'all' ? [] : prepared.warnings.filter((w) => !accepted.has(warningKey(w)));
    if (fresh.length) {
      const answer = await vscode.window.showWarningMessage(
        `With the variables of "${env.name}" filled in, ${label} has ${plural(fresh.length, 'new warning')}. Send it anyway?`,
        { modal: true, detail: listed(fresh) },
        'Send Anyway',
      );
      if (answer !== 'Send Anyway') return undefined;
    }
    if (!(await this.#confirmIfOptedOut(prepared.body))) return undefined;
    let keySecret = await this.environments.keySecret(env);
    if (!keySecret) keySecret = await this.environments.askKeySecret(env, 'Needed to send. ');
    if (!keySecret) return undefined;

    this.#sending = true;
    try {
      const environment = env;
      const secret = keySecret;
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Sending ${label} with "${environment.name}"…`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return sendPayload({ environment, keySecret: secret, body: prepared.body, file: uri?.toString(), dispatcher: this.clients.dispatcher, tokens: this.clients.tokens, timeoutMs: this.clients.timeoutMs, signal: abort.signal });
        },
      );
      this.services.sentMessages.add(outcome.entry);
      if (outcome.ok) {
        this.services.contextKeys.set(contextKeys.hasSent, true);
        this.services.log.info(`Sent ${label} with "${environment.name}": ${outcome.entry.request.method} ${outcome.entry.request.url} → ${outcome.result.status}, message_id ${outcome.entry.messageId ?? '?'}`);
        void this.#reportAccepted(outcome.entry);
      } else {
        this.services.log.error(`Send of ${label} with "${environment.name}" failed (${outcome.kind}): ${outcome.message}`);
        void this.#reportFailure(outcome.entry, outcome.message);
      }
      return outcome.entry;
    } finally {
      this.#sending = false;
    }
  }

  /**
   * The spec page: sending to a LINE user who blocked the bot gives no error, and the message is never delivered.
   * When the listener saw that contact opt out (and no opt-in since), ask first.
   */
  async #confirmIfOptedOut(body: unknown): Promise<boolean> {
    const recipient = (body as { recipient?: { contact_id?: unknown; identified_by?: { channel_identities?: { channel?: unknown; identity?: unknown }[] } } }).recipient;
    const contactId = typeof recipient?.contact_id === 'string' ? recipient.contact_id : undefined;
    const line = recipient?.identified_by?.channel_identities?.find((i) => i.channel === 'LINE');
    const identity = typeof line?.identity === 'string' ? line.identity : undefined;
    if (!contactId && !identity) return true;
    const optedOut = await vscode.commands.executeCommand<{ summary: string } | undefined>('convapiLine.contactOptedOut', { contactId, identity });
    if (!optedOut) return true;
    const answer = await vscode.window.showWarningMessage(
      `${optedOut.summary}. LINE will not deliver the message, and the Conversation API reports no error.`,
      { modal: true },
      'Send Anyway',
    );
    return answer === 'Send Anyway';
  }

  async #reportAccepted(entry: SentMessage): Promise<void> {
    const time = entry.acceptedTime ? new Date(entry.acceptedTime).toLocaleTimeString() : '';
    const choice = await vscode.window.showInformationMessage(`Sent to ${entry.recipient}: message_id ${entry.messageId} accepted at ${time}.`, 'Copy ID', 'Reveal in Sent Messages');
    if (choice === 'Copy ID' && entry.messageId) {
      await vscode.env.clipboard.writeText(entry.messageId);
    } else if (choice === 'Reveal in Sent Messages') {
      await vscode.commands.executeCommand(sendCommandIds.revealSent, entry.id);
    }
  }

  async #reportFailure(entry: SentMessage, message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Open Request', 'Show Log');
    if (choice === 'Open Request') await vscode.commands.executeCommand(sendCommandIds.openRequest, entry.id);
    else if (choice === 'Show Log') this.services.log.show();
  }

  async #stopOnErrors(document: vscode.TextDocument, errors: Finding[], message: string): Promise<undefined> {
    // The schema and syntax errors VS Code's JSON service shows are in the Problems panel alongside ours.
    await vscode.window.showTextDocument(document, { preview: false });
    void vscode.commands.executeCommand('workbench.actions.view.problems');
    const first = errors[0];
    void vscode.window.showErrorMessage(`${message} ${first.message} (line ${first.line + 1})`);
    return undefined;
  }
}

interface Finding {
  severity: Diagnostic['severity'];
  message: string;
  line: number;
  /** warningKey of the diagnostic, for findings of the check. */
  key?: string;
}

/**
 * A warning by what and where, not by its words: filled-in variables change a message's numbers ("29 characters
 * counting {{placeholders}}" becomes "26 characters") without making it a new warning.
 */
function warningKey(d: { code: string; pointer: string; innerPointer?: string }): string {
  return `${d.code} ${d.pointer} ${d.innerPointer ?? ''}`;
}

/**
 * What media pre-flight found by fetching the media (unreachable, too large…): it arrives after the static check,
 * in the editor's diagnostics, and an error there stops a send as well.
 */
function remoteMediaFindings(document: vscode.TextDocument, known: Finding[]): Finding[] {
  const severity = (s: vscode.DiagnosticSeverity): Diagnostic['severity'] => (s === vscode.DiagnosticSeverity.Error ? 'error' : s === vscode.DiagnosticSeverity.Warning ? 'warning' : 'information');
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.source === 'convapi-line' && String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('media.'))
    .map((d) => ({ severity: severity(d.severity), message: d.message, line: d.range.start.line }))
    .filter((f) => !known.some((k) => k.message === f.message && k.line === f.line));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The warnings of a dialog's detail, a line each; past eight, how many more there are. */
function listed(warnings: readonly { message: string }[]): string {
  const lines = warnings.slice(0, 8).map((w) => `• ${w.message}`);
  if (warnings.length > 8) lines.push(`… and ${warnings.length - 8} more`);
  return lines.join('\n');
}
