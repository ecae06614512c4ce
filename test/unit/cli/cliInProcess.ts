// Runs the CLI's main() in this process with its output captured: the unit tests' way to call a command.
import { main } from '../../../src/cli/main';

export async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
