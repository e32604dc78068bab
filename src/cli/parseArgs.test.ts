import { describe, expect, it } from 'vitest';
import { CliUsageError, optionValue, parseArgs } from './io.ts';
import { main } from './main.ts';

const spec = { flags: ['raw', 'json'], values: ['out', 'seed', 'sep'], repeatable: ['head'] };

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('parseArgs (node:util, strict)', () => {
  it('splits positionals, flags, values (both spellings) and repeated options', () => {
    const args = parseArgs(['a.csv', '--raw', '--out', 'x.csv', '--seed=7', '--head', 'h1.json', 'b.csv', '--head=h2.json'], spec);
    expect(args.positional).toEqual(['a.csv', 'b.csv']);
    expect(args.options.get('raw')).toEqual(['true']);
    expect(args.options.has('json')).toBe(false);
    expect(optionValue(args, 'out')).toBe('x.csv');
    expect(optionValue(args, 'seed')).toBe('7');
    expect(args.options.get('head')).toEqual(['h1.json', 'h2.json']);
  });

  it('takes the next argument as a value even when it starts with a dash, and the last of a repeated single option', () => {
    const args = parseArgs(['--seed', '-3', '--sep', '-', '--out', 'a', '--out', 'b'], spec);
    expect(optionValue(args, 'seed')).toBe('-3');
    expect(optionValue(args, 'sep')).toBe('-');
    expect(optionValue(args, 'out')).toBe('b');
  });

  it('reads everything after -- as positionals, and a lone - as one', () => {
    const args = parseArgs(['-', '--', '--raw', 'c.csv'], spec);
    expect(args.positional).toEqual(['-', '--raw', 'c.csv']);
    expect(args.options.size).toBe(0);
  });

  it('refuses an unknown option, naming the nearest one or listing them all', () => {
    expect(() => parseArgs(['--jsn'], spec)).toThrow(new CliUsageError('Unknown option --jsn. Did you mean --json?'));
    expect(() => parseArgs(['--colour=red'], spec)).toThrow(new CliUsageError('Unknown option --colour. This command takes --raw, --json, --out, --seed, --sep, --head.'));
    expect(() => parseArgs(['-x'], spec)).toThrow(/^Unknown option -x\./);
    expect(() => parseArgs(['--raw'], {})).toThrow(new CliUsageError('Unknown option --raw. This command takes no options.'));
  });

  it('refuses a value option without its value and a flag given one', () => {
    expect(() => parseArgs(['a.csv', '--out'], spec)).toThrow(new CliUsageError('Option --out needs a value.'));
    expect(() => parseArgs(['--raw=yes'], spec)).toThrow(new CliUsageError('Option --raw takes no value.'));
  });

  it('makes every command refuse a mistyped option with its usage (exit 2), before reading any file', async () => {
    for (const [command, wrong, hint] of [
      ['inspect', '--jsn', 'Did you mean --json?'],
      ['classify', '--topk', 'Did you mean --top-k?'],
      ['train-head', '--lable', 'Did you mean --label?'],
      ['suggest', '--count', 'This command takes'],
      ['trends', '--min-item', 'Did you mean --min-items?'],
      ['forecast', '--horizn', 'Did you mean --horizon?'],
      ['plan', '--service', 'This command takes'],
      ['concepts', '--histroy', 'Did you mean --history?'],
      ['brief', '--temp', 'This command takes'],
    ]) {
      const result = await run([command!, 'no-such-file.csv', wrong!, '1']);
      expect(result.code, command).toBe(2);
      expect(result.err, command).toContain(`trendloom ${command}: Unknown option ${wrong}. ${hint}`);
      expect(result.err, command).toContain(`Usage: trendloom ${command}`);
    }
    const missing = await run(['forecast', 'series.csv', '--horizon']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('trendloom forecast: Option --horizon needs a value.');
  });
});
