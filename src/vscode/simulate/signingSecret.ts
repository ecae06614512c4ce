import * as vscode from 'vscode';
import { Secrets } from '../secrets';

/** `null`: send unsigned (the user chose to); `undefined`: cancelled. */
export type SigningSecret = string | null | undefined;

/**
 * The secret to sign with: the webhook secret stored for the app, else one the user types (never stored or
 * logged from here), or an explicit choice to send unsigned.
 */
export async function pickSigningSecret(secrets: Secrets, appId: string | undefined, title: string): Promise<SigningSecret> {
  const stored = appId ? await secrets.get(Secrets.webhookSecret(appId)) : undefined;
  if (stored) return stored;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: `No webhook secret is stored${appId ? ` for app ${appId}` : ''}. Type the secret to sign with, or leave empty to send unsigned.`,
    password: true,
    ignoreFocusOut: true,
  });
  if (typed === undefined) return undefined;
  return typed === '' ? null : typed;
}
