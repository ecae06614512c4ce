import * as vscode from 'vscode';
import type { ContextKey, ContextKeys } from '../contextKeys';
import { type ManifestWalkthrough, stepsByContextKey } from './manifestSteps';

/** VS Code's own "Mark Done" of a walkthrough step (the step's context menu); it takes the step's full id. */
const markStepCompleteCommand = 'welcome.markStepComplete';

/**
 * Ticks a walkthrough step off with VS Code's own "Mark Done" when the context key its completionEvents name
 * becomes true. The completionEvents alone miss it whenever the key was already true when VS Code registered the
 * step: VS Code then counts the event as seen for the session without ticking anything, and it registers the steps
 * when its walkthrough service is first needed, often after this extension set its keys at activation (found in
 * the test VS Code: an environment added, messages sent, then the walkthrough opened with those steps open).
 * Like the completionEvents, a key that is true at activation ticks its steps off again in each window.
 */
export function tickStepsOnContextKeys(context: vscode.ExtensionContext, walkthroughId: string, contextKeys: ContextKeys, log: vscode.LogOutputChannel): vscode.Disposable {
  const walkthrough = (context.extension.packageJSON.contributes?.walkthroughs as ManifestWalkthrough[] | undefined)?.find((w) => w.id === walkthroughId);
  const steps = walkthrough ? stepsByContextKey(walkthrough) : new Map<string, string[]>();
  const tick = async (step: string) => {
    try {
      // VS Code stores the step as done before it looks it up: a step it has not registered yet is ticked too.
      await vscode.commands.executeCommand(markStepCompleteCommand, `${context.extension.id}#${walkthroughId}#${step}`);
      log.debug(`Walkthrough: ticked "${step}" off`);
    } catch (error) {
      // Unregistered step (stored anyway, see above), or an editor without VS Code's walkthroughs: the step's
      // completionEvents remain.
      log.debug(`Walkthrough: "${step}": ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const tickStepsOf = (key: ContextKey) => {
    for (const step of steps.get(key) ?? []) void tick(step);
  };
  contextKeys.trueKeys.forEach(tickStepsOf);
  return contextKeys.onDidBecomeTrue(tickStepsOf);
}
