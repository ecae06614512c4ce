import * as vscode from 'vscode';
import { parseTargetUrl } from '../../core/simulate/targetUrl';

export const getListenerUrlCommand = 'convapiLine.getListenerUrl';
const lastUrlKey = 'convapiLine.simulator.lastUrl';

/** The running listener's local URL, if the listener feature is there and running. */
export async function runningListenerUrl(): Promise<string | undefined> {
  try {
    const url = await vscode.commands.executeCommand<unknown>(getListenerUrlCommand);
    return typeof url === 'string' && url !== '' ? url : undefined;
  } catch {
    // The listener feature is not installed in this build: there is no running listener to default to.
    return undefined;
  }
}

/**
 * Where to post: the running listener by default, or a URL the user types (remembered for next time). Plain http
 * is offered only for this machine, as `convapi-line simulate` does.
 */
export async function pickCallbackTarget(memento: vscode.Memento, title: string): Promise<string | undefined> {
  const listener = await runningListenerUrl();
  const last = memento.get<string>(lastUrlKey);
  if (listener) {
    const items: (vscode.QuickPickItem & { url?: string })[] = [
      { label: '$(radio-tower) Running listener', description: listener, url: listener },
      ...(last && last !== listener ? [{ label: '$(history) Last URL', description: last, url: last }] : []),
      { label: '$(edit) Another URL…', description: 'your own webhook handler' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Where to send the callback' });
    if (!picked) return undefined;
    if (picked.url) return remember(memento, picked.url, listener);
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: 'URL of the webhook handler (http only on this machine: 127.0.0.1, ::1, localhost; https elsewhere)',
    value: last ?? 'http://127.0.0.1:3000/webhook',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseTargetUrl(text.trim());
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  return typed === undefined ? undefined : remember(memento, typed.trim(), listener);
}

async function remember(memento: vscode.Memento, url: string, listener: string | undefined): Promise<string> {
  if (url !== listener) await memento.update(lastUrlKey, url);
  return url;
}
