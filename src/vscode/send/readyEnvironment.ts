import * as vscode from 'vscode';
import type { Environment } from '../../core/conversation/environment';
import type { Environments } from './environments';
import { setupEnvironment } from './setupEnvironment';

/** The active environment and its key secret, setting either up first when missing; undefined if cancelled. */
export async function readyEnvironment(environments: Environments): Promise<{ env: Environment; keySecret: string } | undefined> {
  let env = environments.active;
  if (!env) {
    env = await setupEnvironment(environments, 'This needs a Conversation API environment: its project, app, region and access key. Set one up in a few steps.');
    if (!env) return undefined;
  }
  const keySecret = (await environments.keySecret(env)) ?? (await environments.askKeySecret(env));
  if (!keySecret) {
    void vscode.window.showWarningMessage(`No access key secret for "${env.name}": nothing was done.`);
    return undefined;
  }
  return { env, keySecret };
}
