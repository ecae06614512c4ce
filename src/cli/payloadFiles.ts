import { type Dirent, closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DecodedPayload, decodePayloadBytes, payloadFilePattern, stripBom } from '../core/payloadFiles';

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
 * Each file is listed once, however many times it is named or reached by path (links, ./, twice); hard links, two
 * names of one file, are told apart only by reading it (readPayloadFile's identity). Files given by name are checked
 * whatever their name; below a directory only payload file names count.
 */
export function expandTargets(inputs: readonly string[]): Targets {
  const targets: Targets = { files: [], emptyDirectories: [], skipped: [] };
  const seenFiles = new Set<string>();
  const visited = new Set<string>();
  const add = (display: string, path: string, realPath?: string) => {
    const key = realPath ?? identity(path);
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

/** The file itself, however its path is written (through symbolic links, with ./, twice): its real path. */
function identity(path: string): string {
  try {
    return realpathSync(path);
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

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function walk(directory: string, visited: Set<string>, targets: Targets, add: (display: string, path: string, realPath?: string) => void): void {
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
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true }).sort(byName);
  } catch (error) {
    targets.skipped.push({ path: directory, reason: `cannot list: ${codeOf(error)}` });
    return;
  }
  // Normalizing each file's path was a measurable part of a large run; the directory's is enough.
  const normalized = join(directory);
  for (const entry of entries) {
    const name = entry.name;
    const full = below(directory, name);
    // The directory listing tells files and directories apart without a stat per entry; links (and entries of a
    // file system that does not say) are followed with one.
    let isDirectory = entry.isDirectory();
    if (!isDirectory && !entry.isFile()) {
      let stats: Stats;
      try {
        stats = statSync(full);
      } catch (error) {
        const dangling = lstatIsLink(full);
        targets.skipped.push({ path: full, reason: dangling ? 'dangling symbolic link' : `cannot read: ${codeOf(error)}` });
        continue;
      }
      isDirectory = stats.isDirectory();
    }
    if (isDirectory) {
      const why = skippedDirectories.get(name);
      if (why) targets.skipped.push({ path: full, reason: why });
      else walk(full, visited, targets, add);
    } else if (payloadFilePattern.test(name)) {
      // Not only regular files: a FIFO or device with a payload's name is reported as unreadable, not passed over.
      // A regular file's real path is its real directory's and its name; a link's is looked up.
      add(full, below(normalized, name), entry.isFile() ? below(real, name) : undefined);
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

export type PayloadReadOutcome = (DecodedPayload & { identity: string }) | { unreadable: string };

/**
 * Reads a payload file, which must be a regular file of at most `maxBytes` (a FIFO would block forever and a device
 * such as /dev/zero never ends, so anything else is refused with the reason before a byte is read), and decodes it
 * as decodePayloadBytes does, with the text decoded by Node in one native call: the usual file is plain UTF-8, and a
 * check of many files spends a good part of its time reading.
 * Only a text that may hold a problem (a replacement character from invalid UTF-8, a NUL from UTF-16) is read again
 * as bytes, so that the problem is named exactly where it is.
 * `identity` is the file's device and inode, from the fstat the read needs anyway: hard links to one file are one file.
 */
export function readPayloadFile(path: string, maxBytes: number): PayloadReadOutcome {
  const opened = openRegularFile(path, maxBytes);
  if ('unreadable' in opened) return opened;
  const identity = opened.identity;
  try {
    // Node reads to the end of the file: one that grows while it is read is read whole before the check below
    // refuses it (the bytes path stops one byte past the limit).
    const text = readFileSync(opened.fd, 'utf8');
    // UTF-16 shows as a NUL among the first two characters (or, with its byte order mark, as a replacement character).
    if (text.includes('\uFFFD') || text.charCodeAt(0) === 0 || text.charCodeAt(1) === 0) {
      const read = readBytes(opened.fd, opened.size, maxBytes);
      return 'unreadable' in read ? read : { ...decodePayloadBytes(read.bytes), identity };
    }
    // Every character came from well-formed UTF-8 here, so the text's UTF-8 length is the number of bytes read.
    if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) return grewPastLimit(maxBytes);
    return { text: stripBom(text), identity };
  } catch (error) {
    return { unreadable: describeOpenError(error) };
  } finally {
    closeSync(opened.fd);
  }
}

function openRegularFile(path: string, maxBytes: number): { fd: number; size: number; identity: string } | { unreadable: string } {
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
    const refusal = kind
      ? `it is ${kind}, not a regular file`
      : stats.size > maxBytes
        ? `it is ${formatSize(stats.size)}, over the ${formatSize(maxBytes)} limit (raise it with --max-size)`
        : undefined;
    if (refusal === undefined) return { fd, size: stats.size, identity: `${stats.dev}:${stats.ino}` };
    closeSync(fd);
    return { unreadable: refusal };
  } catch (error) {
    closeSync(fd);
    return { unreadable: describeOpenError(error) };
  }
}

/** The file's bytes from its start; at most one byte past the limit is read, so a file that grows stays bounded here. */
function readBytes(fd: number, size: number, maxBytes: number): { bytes: Buffer } | { unreadable: string } {
  const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, length);
    if (n === 0) break;
    length += n;
    if (length > maxBytes) return grewPastLimit(maxBytes);
    if (length === buffer.length) break;
  }
  return { bytes: buffer.subarray(0, length) };
}

function grewPastLimit(maxBytes: number): { unreadable: string } {
  return { unreadable: `it grew past the ${formatSize(maxBytes)} limit while it was read` };
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
