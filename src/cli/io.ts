import { parseArgs as parseNodeArgs } from 'node:util';

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
  /** Option values by name (without dashes): a flag given is `['true']`; a repeatable option keeps every value. */
  options: Map<string, string[]>;
}

/** The options a command takes, by name without dashes. */
export interface OptionSpec {
  /** Flags: no value (`--raw`). */
  flags?: readonly string[];
  /** Options that take a value (`--out file` or `--out=file`); given twice, the last one counts. */
  values?: readonly string[];
  /** Options that take a value and may be given more than once, every value kept (`--head a --head b`). */
  repeatable?: readonly string[];
}

/**
 * Splits argv into positionals and options with `node:util` `parseArgs` (strict): an option the
 * command does not take, a value option without its value, or a flag given a value is a
 * CliUsageError that says so in words. A value option takes the next argument whatever it starts
 * with (`--seed -3`, `--sep -`), as `--name=value` does; `--` ends the options.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const flags = spec.flags ?? [];
  const single = spec.values ?? [];
  const repeatable = spec.repeatable ?? [];
  const takesValue = new Set([...single, ...repeatable]);
  // node's parser refuses a value that starts with a dash unless it is written `--name=value`.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--') && !arg.includes('=') && takesValue.has(arg.slice(2))) {
      if (i + 1 >= argv.length) throw new CliUsageError(`Option ${arg} needs a value.`);
      args.push(`${arg}=${argv[++i]!}`);
    } else args.push(arg);
  }
  const options: Record<string, { type: 'boolean' | 'string'; multiple?: boolean }> = {};
  for (const name of flags) options[name] = { type: 'boolean' };
  for (const name of single) options[name] = { type: 'string' };
  for (const name of repeatable) options[name] = { type: 'string', multiple: true };
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(error, Object.keys(options));
  }
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined) continue;
    out.set(name, (Array.isArray(value) ? value : [value]).map(String));
  }
  return { positional: parsed.positionals, options: out };
}

/** node's parseArgs error as a CliUsageError in this command line's words. */
function usageErrorOf(error: unknown, known: readonly string[]): Error {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'(-[^'\s=]*)/.exec(message)?.[1];
  const takes = known.length ? ` This command takes ${known.map((name) => `--${name}`).join(', ')}.` : ' This command takes no options.';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) {
    const near = nearestName(quoted.replace(/^-+/, ''), known);
    return new CliUsageError(`Unknown option ${quoted}.${near ? ` Did you mean --${near}?` : takes}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) return new CliUsageError(`Option ${quoted} takes no value.`);
  return new CliUsageError(message);
}

/** The known option name nearest to `name`, when it is one typing mistake away (two for names of six letters or more) and no other is as near. */
function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of known) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) (best = candidate), (bestDistance = d), (tie = false);
    else if (d === bestDistance) tie = true;
  }
  return !tie && best !== undefined && bestDistance <= (best.length >= 6 ? 2 : 1) ? best : undefined;
}

/** Edit distance counting an insertion, a deletion, a substitution or two letters swapped as one mistake. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
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
