import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type ConversationApi, type Webhook, webhookTargetProblem } from '../../core/conversation/conversationApi';
import type { Environment } from '../../core/conversation/environment';
import { Redactor } from '../../core/send/redact';
import { allTriggers, defaultLineTriggers } from '../../core/webhook/triggers';
import type { Services } from '../services';
import { Secrets } from '../secrets';
import type { ApiClients } from './apiClients';
import { contextKeys } from '../contextKeys';
import type { Environments } from './environments';
import { readyEnvironment } from './readyEnvironment';

export interface CreateWebhookArgs {
  target?: string;
  triggers?: string[];
}

/** The webhooks of the active environment's app: list, create (with a generated secret), delete. */
export class WebhookCommands {
  constructor(
    private readonly services: Services,
    private readonly environments: Environments,
    private readonly clients: ApiClients,
  ) {}

  async list(): Promise<Webhook[] | undefined> {
    const ready = await readyEnvironment(this.environments);
    if (!ready) return undefined;
    const hooks = await this.#call(ready, 'Reading webhooks', (api) => api.listWebhooks());
    if (!hooks) return undefined;
    await this.#remember(ready.env.appId, hooks.length > 0);
    if (hooks.length === 0) {
      const choice = await vscode.window.showInformationMessage(`App ${ready.env.appId} has no webhooks.`, 'Create Webhook…');
      if (choice) await this.create();
      return hooks;
    }
    const picked = await vscode.window.showQuickPick(
      hooks.map((h) => ({ label: h.target, description: h.id, detail: (h.triggers ?? []).join(', '), hook: h })),
      { title: `Webhooks of app ${ready.env.appId} (${hooks.length} of 5)`, placeHolder: 'Pick one to copy its ID or delete it' },
    );
    if (picked) {
      const choice = await vscode.window.showInformationMessage(`Webhook ${picked.hook.id} → ${picked.hook.target}`, 'Copy ID', 'Delete…');
      if (choice === 'Copy ID' && picked.hook.id) await vscode.env.clipboard.writeText(picked.hook.id);
      else if (choice === 'Delete…') await this.delete(picked.hook);
    }
    return hooks;
  }

  /** Returns the created webhook, or undefined when cancelled or refused (the listener feature relies on this). */
  async create(args: CreateWebhookArgs = {}): Promise<Webhook | undefined> {
    const ready = await readyEnvironment(this.environments);
    if (!ready) return undefined;
    let target = args.target?.trim();
    if (!target) {
      const listenerUrl = await vscode.commands.executeCommand<string | undefined>('convapiLine.getListenerUrl').then(
        (u) => u,
        () => undefined,
      );
      target = (
        await vscode.window.showInputBox({
          title: `Create Webhook on App ${ready.env.appId} (1/2)`,
          prompt: 'Target URL where the Conversation API posts callbacks (must be reachable from the internet)',
          value: listenerUrl ?? 'https://',
          ignoreFocusOut: true,
          validateInput: (v) => webhookTargetProblem(v.trim()),
        })
      )?.trim();
      if (!target) return undefined;
    }
    const problem = webhookTargetProblem(target);
    if (problem) {
      void vscode.window.showErrorMessage(`No webhook was created: ${problem}`);
      return undefined;
    }
    let triggers = args.triggers;
    if (!triggers?.length) {
      if (args.target) triggers = [...defaultLineTriggers];
      else {
        const picked = await vscode.window.showQuickPick(
          allTriggers
            .filter((t) => t !== 'UNSPECIFIED_TRIGGER')
            .map((t) => ({ label: t, picked: (defaultLineTriggers as readonly string[]).includes(t) })),
          { title: `Create Webhook on App ${ready.env.appId} (2/2)`, placeHolder: 'Triggers (the LINE set is preselected)', canPickMany: true, ignoreFocusOut: true },
        );
        if (!picked?.length) return undefined;
        triggers = picked.map((p) => p.label);
      }
    }
    const secret = randomBytes(24).toString('base64url');
    const created = await this.#call(ready, 'Creating the webhook', (api) => api.createWebhook({ target: target!, triggers: triggers!, secret }));
    if (!created) return undefined;
    // The listener verifies x-sinch-webhook-signature with it, and the simulator signs with it.
    await this.services.secrets.store(Secrets.webhookSecret(ready.env.appId), secret);
    await this.#remember(ready.env.appId, true);
    this.services.log.info(`Created webhook ${created.id} on app ${ready.env.appId} → ${created.target} (${triggers.join(', ')}); its secret is in secret storage`);
    void vscode.window
      .showInformationMessage(`Created webhook ${created.id} → ${created.target}. Its signing secret is kept in VS Code's secret storage for the callback listener.`, 'Copy Signing Secret')
      .then((choice) => (choice ? vscode.env.clipboard.writeText(secret) : undefined));
    return created;
  }

  async delete(hook?: Webhook): Promise<boolean> {
    const ready = await readyEnvironment(this.environments);
    if (!ready) return false;
    if (!hook) {
      const hooks = await this.#call(ready, 'Reading webhooks', (api) => api.listWebhooks());
      if (!hooks) return false;
      if (hooks.length === 0) {
        void vscode.window.showInformationMessage(`App ${ready.env.appId} has no webhooks.`);
        return false;
      }
      hook = (await vscode.window.showQuickPick(hooks.map((h) => ({ label: h.target, description: h.id, detail: (h.triggers ?? []).join(', '), hook: h })), { title: 'Delete Webhook', placeHolder: 'Which webhook?' }))?.hook;
      if (!hook) return false;
    }
    const sure = await vscode.window.showWarningMessage(`Delete webhook ${hook.id} (${hook.target})? Callbacks stop going there.`, { modal: true }, 'Delete');
    if (sure !== 'Delete') return false;
    const id = hook.id!;
    const done = await this.#call(ready, 'Deleting the webhook', (api) => api.deleteWebhook(id).then(() => true));
    if (done) {
      this.services.log.info(`Deleted webhook ${id} of app ${ready.env.appId}`);
      void vscode.window.showInformationMessage(`Deleted webhook ${id}.`);
    }
    return done === true;
  }

  /** Whether the app has a webhook, for the walkthrough's context key; kept per app across reloads. */
  async #remember(appId: string, registered: boolean): Promise<void> {
    await this.services.context.workspaceState.update(`convapiLine.webhookRegistered/${appId}`, registered);
    this.services.contextKeys.set(contextKeys.webhookRegistered, registered);
  }

  async #call<T>(ready: { env: Environment; keySecret: string }, title: string, run: (api: ConversationApi) => Promise<T>): Promise<T | undefined> {
    const redactor = new Redactor().add(ready.keySecret, ...this.clients.tokens.recentTokens());
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title} of app ${ready.env.appId}…` }, () => run(this.clients.api(ready.env, ready.keySecret)));
    } catch (error) {
      redactor.add(...this.clients.tokens.recentTokens());
      const message = redactor.redactError(error);
      this.services.log.error(`${title}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  }
}
