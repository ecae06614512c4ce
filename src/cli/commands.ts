// The commands other than `check`, in one module: the CLI's build makes it a bundle of its own (dist/cli-commands.js),
// loaded when one of them runs, so that a `check` process neither reads nor compiles them.
export { runPreview } from './previewCommand';
export { runSend } from './sendCommand';
export { runWebhooks } from './webhooksCommand';
export { runListen } from './listenCommand';
export { runSimulate } from './simulateCommand';
