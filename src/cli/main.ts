import { runCheck } from './checkCommand';
import { type CliIO, exitCodes, isUsageError, processIO } from './io';
import { applyShortRunTiering } from './shortRunTiering';

type Run = (argv: string[], io: CliIO) => Promise<number>;

interface CliCommand {
  /** The command and its main options, as the top-level help shows them. */
  synopsis: string;
  summary: string;
  run: Run;
}

// One entry per command; the top-level help is built from this table, so a new command cannot be left out of it.
const commands: Record<string, CliCommand> = {
  check: {
    synopsis: 'check [--json] [--allow-empty] [--max-size MB] [--media] [--media-timeout MS] [--media-deadline S] [--media-allow-private] <file|dir>...',
    summary: "check payloads against LINE's rules (for CI)",
    run: runCheck,
  },
  preview: {
    synopsis: 'preview <file> --out <file.html> [--theme light|dark] [--force]',
    summary: 'render the payload as LINE shows it, as a standalone page',
    run: async (argv, io) => (await import('./commands')).runPreview(argv, io),
  },
  send: {
    synopsis: 'send <file> [--env-file F] [--var NAME=VALUE]... [--json] [--dry-run] [--timeout MS]',
    summary: 'check, fill {{VARIABLES}} and send the payload once with the Conversation API',
    run: async (argv, io) => (await import('./commands')).runSend(argv, io),
  },
  webhooks: {
    synopsis: 'webhooks list|create|delete [--target URL] [--trigger T]... [--secret S] [--app-id ID] [--json]',
    summary: 'manage the webhooks of a Conversation API app',
    run: async (argv, io) => (await import('./commands')).runWebhooks(argv, io),
  },
  listen: {
    synopsis: 'listen [--host H] [--port N] [--secret S] [--forward-to URL] [--json]',
    summary: "receive the Conversation API's callbacks: verified, explained, forwarded",
    run: async (argv, io) => (await import('./commands')).runListen(argv, io),
  },
  simulate: {
    synopsis: 'simulate --to URL [--secret S | --secret-env VAR] [--kind K]... [--file F]... [--timeout MS] [--json]',
    summary: 'post signed sample callbacks to a webhook handler and test its answers (a contract test for CI)',
    run: async (argv, io) => (await import('./commands')).runSimulate(argv, io),
  },
};

export function topLevelUsage(): string {
  const lines = Object.values(commands).flatMap((c) => [`  ${c.synopsis}`, `      ${c.summary}`]);
  return `Usage: convapi-line <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help       show this help (or "convapi-line help <command>" for a command's options)
  -v, --version    print the version

Exit codes: 0 ok, 1 problems found or the API refused, 2 usage error or nothing done.
`;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`convapi-line: missing the command.\n\n${topLevelUsage()}`);
    return exitCodes.usage;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(topLevelUsage());
    return exitCodes.ok;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      io.stdout(topLevelUsage());
      return exitCodes.ok;
    }
    return main([rest[0]!, '--help'], io);
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${process.env.CONVAPI_LINE_VERSION ?? 'dev'}\n`);
    return exitCodes.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const what = name.startsWith('-') ? `unknown option ${name}; the options before a command are -h, --help, -v, --version` : `unknown command "${name}"`;
    io.stderr(`convapi-line: ${what}.\n\n${topLevelUsage()}`);
    return exitCodes.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      const help = error.usage ? `\n${error.usage}` : `Run "convapi-line ${name} --help" for usage.\n`;
      io.stderr(`convapi-line ${name}: ${error.message}\n${help}`);
      return exitCodes.usage;
    }
    io.stderr(`convapi-line ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.problems;
  }
}

/** Runs the command in process.argv and sets the exit code: the bin (launch.ts) calls this once the bundle is loaded. */
export function runFromCommandLine(): void {
  // `check … | head`: once the reader is gone, nothing more can be said; end quietly rather than with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? exitCodes.ok);
    throw error;
  });
  // A check run is short: V8's optimizing compiler, at its default eagerness, costs more than it saves (see shortRunTiering.ts).
  if (process.argv[2] === 'check') applyShortRunTiering();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runFromCommandLine();
