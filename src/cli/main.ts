import { runCheck } from './checkCommand';
import { type CliIO, UsageError, exitCodes, processIO } from './io';

const usage = `Usage: convapi-line <command> [options]

Commands:
  check [--json] <file|dir>...       check payloads against LINE's rules (for CI)
  preview <file> --out <file.html>   render the payload as LINE shows it, as a standalone page
  send <file> [--dry-run]            check, fill {{VARIABLES}} and send the payload with the Conversation API
  webhooks list|create|delete        manage the webhooks of a Conversation API app

Run "convapi-line <command> --help" for a command's options.
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const commands: Record<string, Command> = {
  check: runCheck,
  preview: async (argv, io) => (await import('./previewCommand')).runPreview(argv, io),
  send: async (argv, io) => (await import('./sendCommand')).runSend(argv, io),
  webhooks: async (argv, io) => (await import('./webhooksCommand')).runWebhooks(argv, io),
};

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${process.env.CONVAPI_LINE_VERSION ?? 'dev'}\n`);
    return exitCodes.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`convapi-line: unknown command "${name}".\n\n${usage}`);
    return exitCodes.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.usage ? `\n${error.usage}` : `Run "convapi-line ${name} --help" for usage.\n`;
      io.stderr(`convapi-line ${name}: ${error.message}\n${help}`);
      return exitCodes.usage;
    }
    io.stderr(`convapi-line ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.problems;
  }
}

if (require.main === module) {
  // `check … | head`: once the reader is gone, nothing more can be said; end quietly rather than with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? exitCodes.ok);
    throw error;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
