import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const fixture = new URL('../../test/fixtures/intake/styles-sample.csv', import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('trendloom inspect', () => {
  it('--json prints exactly one JSON object with rows, columns and problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const file = join(dir, 'shirts.csv');
    writeFileSync(file, 'description,colour,price\nSilk shirt,Ivory,49.5\nLinen dress,Sand\nWool coat,Camel,abc\n' + 'Tee,White,12\n'.repeat(30));
    const { code, out, err } = await run(['inspect', file, '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({
      rows: 32,
      records: 33,
      rows_left_out: 1,
      truncated: false,
      problems_total: 2,
      columns: [
        { name: 'description', type: 'category', role: 'text' },
        { name: 'colour', type: 'category', role: 'colours' },
        { name: 'price', type: 'number', role: 'price' },
      ],
      problems: [
        { line: 3, column: null, message: expect.stringMatching(/has 2 values but the file has 3 columns/) },
        { line: 4, column: 'price', message: expect.stringMatching(/'abc' is not a number/) },
      ],
    });
  });

  it('prints a readable summary of the shared catalogue sample', async () => {
    const { code, out } = await run(['inspect', fixture]);
    expect(code).toBe(0);
    expect(out).toMatch(/^styles-sample\.csv: 47 rows, 11 columns \(CSV, UTF-8, ','-separated, with a header row/);
    expect(out).toMatch(/productDisplayName\s+text\s+text/);
    expect(out).toMatch(/date \(year \+ season\)\s+date\s+date\s+\d+\s+\(derived\)/);
  });

  it('fails with the reason on stderr when the file cannot be read', async () => {
    const missing = await run(['inspect', '/nonexistent/catalogue.csv', '--json']);
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toMatch(/There is no file at '\/nonexistent\/catalogue\.csv'/);
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const png = join(dir, 'photo.csv');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]));
    const picture = await run(['inspect', png, '--json']);
    expect(picture).toMatchObject({ code: 1, out: '' });
    expect(picture.err).toMatch(/picture, not a table/);
  });

  it.each([
    ['spaces.csv', '   \n'],
    ['tabs.csv', '\t\n\t\n'],
    ['mixed.csv', ' \n  \r\n \t \n'],
  ])('says a file of whitespace-only lines (%s) is blank, not "column names but no rows"', async (name, body) => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const file = join(dir, name);
    writeFileSync(file, body);
    const result = await run(['inspect', file]);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe('trendloom inspect: This file has no rows: it holds only blank lines or spaces.\n');
  });

  it('runs as a real command (bin/trendloom.mjs)', async () => {
    const { stdout } = await promisify(execFile)('node', ['bin/trendloom.mjs', 'inspect', fixture, '--json'], { cwd: new URL('../..', import.meta.url).pathname });
    expect(JSON.parse(stdout)).toMatchObject({ rows: 47, problems: [] });
  });

  it('rejects a bad option with usage (exit 2)', async () => {
    const { code, err } = await run(['inspect', fixture, '--delimiter', 'x']);
    expect(code).toBe(2);
    expect(err).toMatch(/--delimiter must be one of/);
  });
});
