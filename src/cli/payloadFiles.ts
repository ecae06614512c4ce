import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { payloadFilePattern } from '../core/payloadFiles';

const skippedDirectories = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

export interface FileTarget {
  /** The path as the user gave it (or as found below a directory they gave), for reports. */
  display: string;
  path: string;
}

export interface Targets {
  files: FileTarget[];
  /** Directories given that hold no payload file: worth a warning, since CI would otherwise pass on nothing. */
  emptyDirectories: string[];
}

/** Expands directories into the payload files below them (following links), sorted so that reports are stable. */
export function expandTargets(inputs: readonly string[]): Targets {
  const targets: Targets = { files: [], emptyDirectories: [] };
  for (const input of inputs) {
    if (isDirectory(input)) {
      const found = findPayloadFiles(input, new Set());
      if (found.length === 0) targets.emptyDirectories.push(input);
      targets.files.push(...found.map((path) => ({ display: path, path })));
    } else {
      // A missing path is reported by the reader as an unreadable file, with the rest still checked.
      targets.files.push({ display: input, path: input });
    }
  }
  return targets;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function findPayloadFiles(directory: string, visited: Set<string>): string[] {
  let real: string;
  try {
    real = realpathSync(directory);
  } catch {
    return [];
  }
  // A link back up the tree would otherwise be walked forever.
  if (visited.has(real)) return [];
  visited.add(real);
  let names: string[];
  try {
    names = readdirSync(directory).sort();
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const full = join(directory, name);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      continue;
    }
    if (stats.isDirectory()) {
      if (!skippedDirectories.has(name)) found.push(...findPayloadFiles(full, visited));
    } else if (stats.isFile() && payloadFilePattern.test(name)) {
      found.push(full);
    }
  }
  return found;
}
