import * as vscode from 'vscode';
import { type Environment, type Region, regions } from '../../core/conversation/environment';
import { urlRefusal } from '../../core/http/urlPolicy';
import type { Environments } from './environments';

const regionLabels: Record<Region, string> = { us: 'United States', eu: 'Europe', br: 'Brazil' };

/**
 * The guided set-up of an environment, one quick-input step at a time: name, project, app, region, endpoints,
 * access key ID, then the key secret in a password box. Returns undefined when the user cancels any step.
 */
export async function setupEnvironment(environments: Environments, intro?: string): Promise<Environment | undefined> {
  const total = 7;
  let step = 0;
  const title = () => `Add Conversation API Environment (${++step}/${total})`;
  const required = (what: string) => (v: string) => (v.trim() === '' ? `Enter the ${what}.` : undefined);
  const input = (options: vscode.InputBoxOptions) => vscode.window.showInputBox({ ignoreFocusOut: true, title: title(), ...options });

  if (intro) void vscode.window.showInformationMessage(intro);
  const taken = new Set(environments.all.map((e) => e.name));
  const name = await input({
    prompt: 'A name for this environment (e.g. dev, staging). It is saved in the workspace settings, which a team can commit.',
    value: taken.has('dev') ? '' : 'dev',
    validateInput: (v) => required('environment name')(v) ?? (/^[\w .-]{1,40}$/.test(v.trim()) ? undefined : 'Use letters, digits, spaces, dot, dash or underscore (at most 40).'),
  });
  if (name === undefined) return undefined;
  const projectId = await input({ prompt: 'Project ID (Sinch dashboard → Settings → Projects)', validateInput: required('project ID') });
  if (projectId === undefined) return undefined;
  const appId = await input({ prompt: 'Conversation API app ID (Sinch dashboard → Conversation API → Apps)', validateInput: required('app ID') });
  if (appId === undefined) return undefined;
  const region = await vscode.window.showQuickPick(
    regions.map((r) => ({ label: r, description: regionLabels[r], region: r })),
    { title: title(), placeHolder: 'Region the app was created in (an app lives in one region)', ignoreFocusOut: true },
  );
  if (!region) return undefined;
  const endpoints = await vscode.window.showQuickPick(
    [
      { label: 'Sinch', description: `https://${region.region}.conversation.api.sinch.com`, custom: false },
      { label: 'Other URLs…', description: 'a mock, a proxy or a test server', custom: true },
    ],
    { title: title(), placeHolder: 'Where requests go', ignoreFocusOut: true },
  );
  if (!endpoints) return undefined;
  let conversationUrl: string | undefined;
  let authUrl: string | undefined;
  if (endpoints.custom) {
    const urlCheck = (what: string) => (v: string) => required(what)(v) ?? urlRefusal(v.trim(), what);
    conversationUrl = await vscode.window.showInputBox({ ignoreFocusOut: true, title: `Add Conversation API Environment (${step}/${total})`, prompt: 'Base URL of the Conversation API (instead of https://{region}.conversation.api.sinch.com)', validateInput: urlCheck('base URL') });
    if (conversationUrl === undefined) return undefined;
    authUrl = await vscode.window.showInputBox({ ignoreFocusOut: true, title: `Add Conversation API Environment (${step}/${total})`, prompt: 'Token URL (instead of https://auth.sinch.com/oauth2/token)', validateInput: urlCheck('token URL') });
    if (authUrl === undefined) return undefined;
  }
  const keyId = await input({ prompt: 'Access key ID (Sinch dashboard → Settings → Access Keys)', validateInput: required('access key ID') });
  if (keyId === undefined) return undefined;
  const secret = await input({
    prompt: `Access key secret of ${keyId.trim()}. Kept in VS Code's secret storage only, never in settings.`,
    password: true,
    validateInput: required('access key secret'),
  });
  if (secret === undefined) return undefined;
  const env: Environment = { name: name.trim(), projectId: projectId.trim(), appId: appId.trim(), region: region.region, keyId: keyId.trim(), variables: {} };
  if (conversationUrl) env.conversationUrl = conversationUrl.trim();
  if (authUrl) env.authUrl = authUrl.trim();
  await environments.add(env, secret.trim());
  return env;
}
