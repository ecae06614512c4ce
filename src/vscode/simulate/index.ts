import * as vscode from 'vscode';
import type { Services } from '../services';
import { sampleArgsOf } from './callbackArgs';
import { SimulatorCommands, isCallbackFile, simulatorCommandIds } from './simulatorCommands';

/** "Send This Callback" above the first line of a *.callback.json file. */
class SendCallbackCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isCallbackFile(document)) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: '$(send) Send This Callback',
        tooltip: 'POST this callback, signed, to the running listener or your handler',
        command: simulatorCommandIds.sendThis,
        arguments: [document.uri],
      }),
    ];
  }
}

/** The callback simulator: sample callbacks, callback files and replays, posted signed as Sinch posts them. */
export function registerSimulator(services: Services): vscode.Disposable {
  const commands = new SimulatorCommands(services);
  return vscode.Disposable.from(
    commands.responses,
    vscode.commands.registerCommand(simulatorCommandIds.sendSample, (arg?: unknown, more?: unknown) => commands.sendSample(sampleArgsOf(arg, more))),
    vscode.commands.registerCommand(simulatorCommandIds.sendThis, (uri?: vscode.Uri, args?: object) => commands.sendThis(uri, sampleArgsOf(args))),
    vscode.commands.registerCommand(simulatorCommandIds.replay, (arg?: unknown, args?: object) => commands.replay(arg, sampleArgsOf(args))),
    vscode.languages.registerCodeLensProvider({ language: 'json', pattern: '**/*.callback.json' }, new SendCallbackCodeLens()),
  );
}
