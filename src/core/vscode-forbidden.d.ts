// The core is shared by the extension, the CLI and plain-node tests. src/core/tsconfig.json maps the module name
// 'vscode' to this empty module, so any use of the VS Code API in the core fails to compile.
export {};
