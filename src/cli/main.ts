/** `streamsql`: the command-line entry point. Returns the process exit code. */
import { readFileSync } from 'node:fs';
import { StreamSqlError } from '../common/errors.js';
import { parseArgs, stringOption, UsageError, type ParsedArgs } from './args.js';
import { HELP } from './help.js';

export async function main(argv: readonly string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    return await dispatch(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`streamsql: ${err.message}\nTry 'streamsql --help'.\n`);
      return 2;
    }
    if (err instanceof StreamSqlError) {
      process.stderr.write(`streamsql: ${err.display}\n`);
      return 1;
    }
    if (err instanceof Error && 'code' in err && typeof err.code === 'string') {
      process.stderr.write(`streamsql: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function dispatch(args: ParsedArgs): Promise<number> {
  if (args.options.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.options.has('version')) {
    process.stdout.write(`streamsql ${version()}\n`);
    return 0;
  }
  // Commands are loaded when used, so `--help` or `-e` do not pay for the REPL's UI library.
  const execute = stringOption(args, 'execute');
  if (execute !== undefined) {
    const { runCommand } = await import('./commands/run.js');
    return runCommand(args, { file: '<command line>', text: execute });
  }
  switch (args.command) {
    case undefined:
      return (await import('./commands/repl.js')).replCommand(args);
    case 'run': {
      const file = args.positional[0];
      if (!file) throw new UsageError('usage: streamsql run FILE.sql');
      return (await import('./commands/run.js')).runCommand(args, { file });
    }
    case 'start':
      return (await import('./commands/start.js')).startCommand(args);
    case 'topic':
      return (await import('./commands/topic.js')).topicCommand(args);
    case 'test':
      return (await import('./commands/test.js')).testCommand(args);
    case 'help':
      process.stdout.write(HELP);
      return 0;
    default:
      throw new UsageError(`unknown command '${args.command}'`);
  }
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
