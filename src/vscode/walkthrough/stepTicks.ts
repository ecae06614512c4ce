import * as vscode from 'vscode';
import type { ContextKey, ContextKeys } from '../contextKeys';
import { type ManifestWalkthrough, stepsByContextKey } from './manifestSteps';

/** VS Code's own "Mark Done" of a walkthrough step (the step's context menu); it takes the step's full id. */
const markStepCompleteCommand = 'welcome.markStepComplete';

/** globalState key: the steps this extension has ticked off, each once per profile. */
const tickedStepsKey = 'convapiLine.walkthroughTicked';

/**
 * Ticks a walkthrough step off with VS Code's own "Mark Done" when the context key its completionEvents name
 * becomes true. The completionEvents alone miss it whenever the key was already true when VS Code registered the
 * step: VS Code then counts the event as seen for the session without ticking anything, and it registers the steps
 * when its walkthrough service is first needed, often after this extension set its keys at activation (found in
 * the test VS Code: an environment added, messages sent, then the walkthrough opened with those steps open).
 * Each step is ticked once per profile, remembered in globalState: a user who marks it undone by hand is not
 * overruled at the next start or the next switch of environment, and later windows do not wake the walkthrough
 * service for it.
 */
export function tickStepsOnContextKeys(context: vscode.ExtensionContext, walkthroughId: string, contextKeys: ContextKeys, log: vscode.LogOutputChannel): vscode.Disposable {
  const walkthrough = (context.extension.packageJSON.contributes?.walkthroughs as ManifestWalkthrough[] | undefined)?.find((w) => w.id === walkthroughId);
  const steps = walkthrough ? stepsByContextKey(walkthrough) : new Map<string, string[]>();
  const ticked = () => context.globalState.get<string[]>(tickedStepsKey) ?? [];
  const tick = async (step: string) => {
    if (ticked().includes(step)) return;
    await context.globalState.update(tickedStepsKey, [...ticked(), step]);
    try {
      await vscode.commands.executeCommand(markStepCompleteCommand, `${context.extension.id}#${walkthroughId}#${step}`);
      log.debug(`Walkthrough: ticked "${step}" off`);
    } catch (error) {
      // "Attempting to access step which does not exist in registry": VS Code has not registered the walkthrough
      // yet, and it stored the step as done before looking it up, so the tick holds. Or an editor without VS
      // Code's walkthroughs: the step's completionEvents remain.
      log.debug(`Walkthrough: "${step}": ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const tickStepsOf = (key: ContextKey) => {
    for (const step of steps.get(key) ?? []) void tick(step);
  };
  contextKeys.trueKeys.forEach(tickStepsOf);
  return contextKeys.onDidBecomeTrue(tickStepsOf);
}
