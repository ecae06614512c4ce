import * as vscode from 'vscode';
import { type LineAccountRegion, lineCredential } from '../../core/conversation/conversationApi';
import { Redactor } from '../../core/send/redact';
import type { Services } from '../services';
import type { ApiClients } from './apiClients';
import { contextKeys } from '../contextKeys';
import type { Environments } from './environments';
import { readyEnvironment } from './readyEnvironment';

export const lineConsoleUrl = 'https://developers.line.biz/console/';

/**
 * Configure LINE Channel on App: asks for the LINE channel access token, channel secret and account region, then
 * reads the app and writes its channel_credentials back with LINE set and every other channel unchanged.
 */
export async function configureLineChannel(services: Services, environments: Environments, clients: ApiClients): Promise<boolean> {
  const ready = await readyEnvironment(environments);
  if (!ready) return false;
  const { env, keySecret } = ready;
  const step = (n: number) => `Configure LINE Channel on App ${env.appId} (${n}/3)`;
  const region = await vscode.window.showQuickPick(
    [
      { label: 'Other regions', description: 'line_credentials', region: 'standard' as LineAccountRegion },
      { label: 'Japan', description: 'line_enterprise_credentials.line_japan (needs the package from Sinch)', region: 'japan' as LineAccountRegion },
      { label: 'Thailand', description: 'line_enterprise_credentials.line_thailand (needs the package from Sinch)', region: 'thailand' as LineAccountRegion },
    ],
    { title: step(1), placeHolder: 'Region of the LINE Official Account', ignoreFocusOut: true },
  );
  if (!region) return false;
  const token = await vscode.window.showInputBox({ title: step(2), prompt: 'LINE channel access token (long-lived), from the Messaging API tab of the LINE Developers Console', password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter the channel access token.') });
  if (!token) return false;
  const secret = await vscode.window.showInputBox({ title: step(3), prompt: 'LINE channel secret, from the Basic settings tab of the LINE Developers Console', password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter the channel secret.') });
  if (!secret) return false;
  const redactor = new Redactor().add(keySecret, token.trim(), secret.trim());
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Setting the LINE channel of app ${env.appId}…` }, () =>
      clients.api(env, keySecret).setLineCredential(lineCredential(region.region, token.trim(), secret.trim())),
    );
    const others = result.channels.filter((c) => c.channel !== 'LINE').map((c) => c.channel);
    services.log.info(`LINE channel set on app ${env.appId} (${region.label}); other channels kept: ${others.join(', ') || 'none'}`);
    await services.context.workspaceState.update(`convapiLine.lineConfigured/${env.appId}`, true);
    services.contextKeys.set(contextKeys.lineChannelConfigured, true);
    const choice = await vscode.window.showInformationMessage(
      `LINE is set on app ${env.appId}${others.length ? ` (other channels kept: ${others.join(', ')})` : ''}. One manual step is left in LINE's console: enable webhooks.`,
      {
        modal: true,
        detail:
          'In the LINE Developers Console, open your channel\'s Messaging API tab: the webhook URL is already Sinch\'s, but disabled. Open "Greeting messages → Edit" (LINE Official Account Manager) and set Response mode: Bot, Webhooks: Enabled, Auto response: Disabled. Refresh the console: Webhook shows enabled.',
      },
      'Open LINE Developers Console',
      'Create Conversation Webhook…',
    );
    if (choice === 'Open LINE Developers Console') await vscode.env.openExternal(vscode.Uri.parse(lineConsoleUrl));
    else if (choice === 'Create Conversation Webhook…') await vscode.commands.executeCommand('convapiLine.createWebhook');
    return true;
  } catch (error) {
    const message = redactor.redactError(error);
    services.log.error(`Configure LINE channel: ${message}`);
    void vscode.window.showErrorMessage(message);
    return false;
  }
}
