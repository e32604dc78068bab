/** Where a CLI command writes; tests pass buffers, the real CLI passes process streams. */
export interface CliIO {
  /** Writes to standard output (results, JSON). */
  out(text: string): void;
  /** Writes to standard error (progress, warnings, errors). */
  err(text: string): void;
  /** Resolves once standard output has taken what was written (so long outputs do not pile up in memory). */
  drain?(): Promise<void>;
  /**
   * Present only when standard error is a terminal: redraws one progress line in place ('' clears
   * it). Without it, commands write a few whole progress lines with `err` instead.
   */
  progress?(line: string): void;
}

/** A `trendloom` sub-command. */
export interface CliCommand {
  /** The word typed after `trendloom`. */
  name: string;
  /** One line shown by `trendloom --help`. */
  summary: string;
  /** Full usage text shown by `trendloom <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit status. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A progress line cut to fit a terminal `columns` wide (ending in '…' when cut). */
export function fitWidth(line: string, columns: number | undefined): string {
  const width = (columns && columns > 10 ? columns : 80) - 1;
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** The process-stream IO used by the real command line. */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  drain: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  // Carriage return, then "erase the line" (ESC [2K), then the text, cut to the terminal's width
  // (a wrapped line could not be redrawn in place).
  progress: process.stderr.isTTY ? (line) => void process.stderr.write(`\r\x1b[2K${fitWidth(line, process.stderr.columns)}`) : undefined,
};

/** Parsed `--flag value` / `--flag` options and positional arguments. */
export interface ParsedArgs {
  /** Arguments that are not options, in order. */
  positional: string[];
  /** Option values by name (without dashes); repeated options keep every value. */
  options: Map<string, string[]>;
}

/**
 * Splits argv into positionals and options. `booleans` names the flags that take no value;
 * every other `--name` takes the next argument (or `--name=value`).
 */
export function parseArgs(argv: string[], booleans: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const add = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq >= 0) add(name, arg.slice(eq + 1));
    else if (booleans.includes(name)) add(name, 'true');
    else {
      const value = argv[i + 1];
      if (value === undefined) throw new CliUsageError(`Option --${name} needs a value.`);
      add(name, value);
      i++;
    }
  }
  return { positional, options };
}

/** A mistake in how the command was called; printed with the usage, exit status 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** The last value given for an option, or undefined. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  return values?.[values.length - 1];
}
