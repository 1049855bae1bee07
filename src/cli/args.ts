/**
 * Command-line arguments: `streamsql [command] [options] [args]`. Options are `--name value`,
 * `--name=value` or boolean flags; anything else is a positional argument.
 */

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/** Options that take no value. */
const FLAGS = new Set(['follow', 'from-beginning', 'help', 'version', 'json', 'all', 'quiet']);

/** Short options and the long ones they stand for. */
const SHORT: Record<string, string> = {
  e: 'execute',
  h: 'help',
  V: 'version',
  f: 'file',
  o: 'output',
};

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (eq >= 0) value = arg.slice(eq + 1);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = SHORT[arg[1]!];
      if (!name) throw new UsageError(`unknown option ${arg}`);
    }
    if (name === undefined) {
      positional.push(arg);
      continue;
    }
    if (FLAGS.has(name)) {
      options.set(name, true);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    }
    options.set(name, value);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v === true) throw new UsageError(`option --${name} needs a value`);
  return v;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}
