import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const payloadFilePattern = /\.(line|convapi)\.json$/i;
const skippedDirectories = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

export interface FileTarget {
  /** The path as the user gave it (or as found below a directory they gave), for reports. */
  display: string;
  path: string;
}

/** Expands directories into the payload files below them, sorted so that reports are stable. */
export function expandTargets(inputs: readonly string[]): FileTarget[] {
  const targets: FileTarget[] = [];
  for (const input of inputs) {
    let isDirectory = false;
    try {
      isDirectory = statSync(input).isDirectory();
    } catch {
      // A missing path is reported by the reader as an unreadable file, with the rest still checked.
    }
    if (isDirectory) targets.push(...findPayloadFiles(input).map((path) => ({ display: path, path })));
    else targets.push({ display: input, path: input });
  }
  return targets;
}

function findPayloadFiles(directory: string): string[] {
  const found: string[] = [];
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return found;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) found.push(...findPayloadFiles(full));
    } else if (entry.isFile() && payloadFilePattern.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}
