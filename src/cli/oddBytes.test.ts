/**
 * Issue 18, items 12 and 17 through the CLI, on real files: a byte that is not UTF-8 deep in a
 * catalogue (past the first chunk that decides the encoding) is listed by `inspect` and `classify`
 * with its line and column; a file of 100,000 columns is refused in words by both, quickly, with
 * exit status 1 and nothing written. A stand-in classifier; no model.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shirtsClassifier } from '../../test/helpers/cliClassifier.ts';
import { makeClassifyCommand } from './classify.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-odd-bytes-'));

const classifier = shirtsClassifier;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function classify(file: string, out: string) {
  let err = '';
  const code = await makeClassifyCommand(async () => classifier).run([file, '--text', 'productDisplayName', '--out', out], { out: () => {}, err: (t) => void (err += t) });
  return { code, err };
}

/** 40,000 rows (~1.5 MB: past the first 1 MB chunk, whose bytes decide the encoding), with a Windows-1252 'é' (0xE9) at row `at`'s name and a 0xFF in row `at2`'s colour. */
function catalogue(name: string, at: number, at2: number): string {
  const parts: Buffer[] = [Buffer.from('id,productDisplayName,colour\n')];
  for (let i = 1; i <= 40_000; i++) {
    if (i === at) parts.push(Buffer.from(`${i},Caf`), Buffer.from([0xe9]), Buffer.from(' au lait linen shirt,Brown\n'));
    else if (i === at2) parts.push(Buffer.from(`${i},Wool coat ${i},Bl`), Buffer.from([0xff]), Buffer.from('ue\n'));
    else parts.push(Buffer.from(`${i},Linen shirt number ${i},Sand\n`));
  }
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

describe('bytes that are not UTF-8 deep in a file, through the CLI (issue 18, item 12)', () => {
  const file = catalogue('deep.csv', 34_000, 39_500);

  it('inspect --json lists them with line and column', async () => {
    const { code, out } = await run(['inspect', file, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ rows: 40_000, records: 40_000, rows_left_out: 0, problems_total: 2 });
    expect(json.problems).toEqual([
      { line: 34_001, column: 'productDisplayName', message: "'Caf\ufffd au lait linen shirt' has 1 byte that is not UTF-8 text (0xE9); it is shown as \ufffd (the row is kept)." },
      { line: 39_501, column: 'colour', message: "'Bl\ufffdue' has 1 byte that is not UTF-8 text (0xFF); it is shown as \ufffd (the row is kept)." },
    ]);
  });

  it('inspect says so in its summary', async () => {
    const { code, out } = await run(['inspect', file]);
    expect(code).toBe(0);
    expect(out).toContain('The file reads as UTF-8, but 2 cells have bytes that are not UTF-8 text');
    expect(out).toMatch(/line 34001, productDisplayName: .*0xE9/);
  });

  it('classify lists them with line and column, and still classifies every row', async () => {
    const out = join(dir, 'deep-classified.csv');
    const { code, err } = await classify(file, out);
    expect(code).toBe(0);
    expect(err).toContain(
      [
        'classify: 2 cells have bytes that are not UTF-8 text; they are shown as \ufffd:',
        "  line 34,001, productDisplayName: 'Caf\ufffd au lait linen shirt' has 1 byte that is not UTF-8 text (0xE9); it is shown as \ufffd (the row is kept).",
        "  line 39,501, colour: 'Bl\ufffdue' has 1 byte that is not UTF-8 text (0xFF); it is shown as \ufffd (the row is kept).",
      ].join('\n'),
    );
    expect(existsSync(out)).toBe(true);
  });
});

describe('a file of 100,000 columns, through the CLI (issue 18, item 17)', () => {
  const path = join(dir, 'wide.csv');
  const header = Array.from({ length: 100_000 }, (_, i) => `col${i}`).join(',');
  const row = Array.from({ length: 100_000 }, (_, i) => `word${i % 50}`).join(',');
  writeFileSync(path, `${header}\n${row}\n${row}\n`);
  const message = 'This file has 100,000 columns; Trendloom reads at most 5,000.';

  it('inspect refuses it in words (exit 1)', async () => {
    const { code, out, err } = await run(['inspect', path, '--json']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(message);
  });

  it('classify refuses it before any work and writes nothing', async () => {
    const out = join(dir, 'wide-classified.csv');
    // (main prints the error and exits 1, as for inspect above.)
    await expect(classify(path, out)).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });
});
