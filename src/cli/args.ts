import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs with our own messages: an unknown option names itself and lists the command's options, and a
 * missing value names the option, instead of Node's raw parser text.
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    const message = (error as Error).message;
    const known = Object.entries(options)
      .map(([name, o]) => (o.short ? `-${o.short}, --${name}` : `--${name}`))
      .join(', ');
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`${command} has no option ${unknown[1]}; its options are ${known}.`, usage);
    const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
    if (missing) throw new UsageError(`${missing[1]} needs a value.`, usage);
    const wrongType = /Option '(?:-\w, )?(--[\w-]+)[^']*' does not take an argument/.exec(message);
    if (wrongType) throw new UsageError(`${wrongType[1]} takes no value.`, usage);
    throw new UsageError(message, usage);
  }
}
