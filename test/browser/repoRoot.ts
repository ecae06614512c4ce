import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root: tests run from it (npm scripts), but find it from the bundle's place as well. */
export function repoRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'convapi-line') return dir;
    if (dirname(dir) === dir) break;
  }
  return join(__dirname, '..', '..', '..');
}
