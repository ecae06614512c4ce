import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { payloadFilePattern } from '../core/payloadFiles';

/** Directories a search never enters: dependencies, version control, and build output (copies of the sources). */
export const skippedDirectories: ReadonlyMap<string, string> = new Map([
  ['node_modules', 'dependencies'],
  ['.git', 'version control'],
  ['.vscode-test', 'test VS Code'],
  ['dist', 'build output'],
  ['out', 'build output'],
]);

export interface FileTarget {
  /** The path as the user gave it (or as found below a directory they gave), for reports. */
  display: string;
  path: string;
}

export interface Skipped {
  path: string;
  reason: string;
}

export interface Targets {
  files: FileTarget[];
  /** Directories given that hold no payload file: CI would otherwise pass on nothing. */
  emptyDirectories: string[];
  /** What a directory search passed over, and why: a check must say what it did not look at. */
  skipped: Skipped[];
}

/**
 * Expands directories into the payload files below them (following links), sorted so that reports are stable.
 * Each file is listed once, however many times it is named or reached. Files given by name are checked whatever
 * their name; below a directory only payload file names count.
 */
export function expandTargets(inputs: readonly string[]): Targets {
  const targets: Targets = { files: [], emptyDirectories: [], skipped: [] };
  const seenFiles = new Set<string>();
  const visited = new Set<string>();
  const add = (display: string, path: string, stats?: Stats) => {
    const key = identity(path, stats);
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    targets.files.push({ display, path });
  };
  for (const input of inputs) {
    if (isDirectory(input)) {
      const before = targets.files.length;
      walk(input, visited, targets, add);
      if (targets.files.length === before) targets.emptyDirectories.push(input);
    } else {
      // A missing or special path is reported by the reader as an unreadable file, with the rest still checked.
      add(input, input);
    }
  }
  return targets;
}

/** The file itself, however it is named (links, ./, twice): its device and inode, from the stat already made. */
function identity(path: string, stats?: Stats): string {
  try {
    const s = stats ?? statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return resolve(path);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Joins so that the shown path keeps the directory as given ("./x", not "x"): no found name starts a line. */
function below(directory: string, name: string): string {
  return directory.endsWith('/') ? directory + name : `${directory}/${name}`;
}

function walk(directory: string, visited: Set<string>, targets: Targets, add: (display: string, path: string, stats?: Stats) => void): void {
  let real: string;
  try {
    real = realpathSync(directory);
  } catch (error) {
    targets.skipped.push({ path: directory, reason: `cannot resolve: ${codeOf(error)}` });
    return;
  }
  // A link back up the tree would otherwise be walked forever; a second way to the same place adds nothing.
  if (visited.has(real)) return;
  visited.add(real);
  let names: string[];
  try {
    names = readdirSync(directory).sort();
  } catch (error) {
    targets.skipped.push({ path: directory, reason: `cannot list: ${codeOf(error)}` });
    return;
  }
  for (const name of names) {
    const full = below(directory, name);
    let stats: Stats;
    try {
      stats = statSync(full);
    } catch (error) {
      const dangling = lstatIsLink(full);
      targets.skipped.push({ path: full, reason: dangling ? 'dangling symbolic link' : `cannot read: ${codeOf(error)}` });
      continue;
    }
    if (stats.isDirectory()) {
      const why = skippedDirectories.get(name);
      if (why) targets.skipped.push({ path: full, reason: why });
      else walk(full, visited, targets, add);
    } else if (payloadFilePattern.test(name)) {
      // Not only regular files: a FIFO or device with a payload's name is reported as unreadable, not passed over.
      add(full, join(full), stats);
    }
  }
}

function lstatIsLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

export type ReadOutcome = { bytes: Buffer } | { unreadable: string };

/**
 * Reads a file that must be a regular file of at most `maxBytes`: a FIFO would block forever and a device
 * (/dev/zero) never ends, so anything else is refused with the reason, before a byte is read.
 */
export function readRegularFile(path: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever, before fstat can refuse it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { unreadable: describeOpenError(error) };
  }
  try {
    const stats = fstatSync(fd);
    const kind = specialKind(stats);
    if (kind) return { unreadable: `it is ${kind}, not a regular file` };
    if (stats.size > maxBytes) return { unreadable: `it is ${formatSize(stats.size)}, over the ${formatSize(maxBytes)} limit (raise it with --max-size)` };
    // Read at most one byte past the limit: a file that grows while it is read is still bounded.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { unreadable: `it grew past the ${formatSize(maxBytes)} limit while it was read` };
      if (length === buffer.length) break;
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { unreadable: describeOpenError(error) };
  } finally {
    closeSync(fd);
  }
}

function specialKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function describeOpenError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'it is a directory, not a regular file';
  return e.message;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
