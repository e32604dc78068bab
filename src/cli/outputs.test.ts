/**
 * Output safety of every CLI command that writes files, on real files in a temporary folder: an
 * output that is an input (or another output) is refused before any work, and outputs are
 * written whole or not at all.
 */
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemPrediction } from '../model/classifier.ts';
import { CLASSIFY_BATCH_ROWS, makeClassifyCommand, type CliClassifier } from './classify.ts';
import type { CliIO } from './io.ts';
import { main } from './main.ts';

const SERIES = ['date,linen,wool', ...Array.from({ length: 30 }, (_, w) => `${new Date(Date.UTC(2019, 0, 7 + 7 * w)).toISOString().slice(0, 10)},${10 + (w % 4)},${20 - (w % 3)}`)].join('\n') + '\n';
const CATALOGUE = 'productDisplayName,colour\nRed cotton shirt,Red\nBlue linen dress,Blue\n';
const HEAD = '{"not":"a head yet"}';
const LABELS = 'text,label\n' + Array.from({ length: 20 }, (_, i) => (i % 2 ? `shoe ${i},b` : `shirt ${i},a`)).join('\n') + '\n';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** A fresh folder with the inputs every case may use. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trendloom-outputs-'));
  writeFileSync(join(dir, 'series.csv'), SERIES);
  writeFileSync(join(dir, 'lead.csv'), SERIES);
  writeFileSync(join(dir, 'catalogue.csv'), CATALOGUE);
  writeFileSync(join(dir, 'head.json'), HEAD);
  writeFileSync(join(dir, 'labels.csv'), LABELS);
  mkdirSync(join(dir, 'model'));
  writeFileSync(join(dir, 'model', 'config.json'), '{}');
  return dir;
}

/** Every file under dir with its content, so a case can assert that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(at, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(at, entry.name), 'utf8');
    }
  };
  walk(dir, '');
  return files;
}

interface RefusalCase {
  title: string;
  /** Extra links or folders the case needs. */
  setup?(dir: string): void;
  /** The command line; `@` stands for the case's folder. */
  args: string[];
  code: number;
  message: RegExp;
}

const refusals: RefusalCase[] = [
  { title: 'classify --out is the catalogue', args: ['classify', '@/catalogue.csv', '--out', '@/catalogue.csv'], code: 2, message: /--out '.*catalogue\.csv' is the catalogue '.*catalogue\.csv': writing there would destroy it/ },
  { title: 'classify --out is the catalogue spelled another way', args: ['classify', '@/catalogue.csv', '--out', '@/model/../catalogue.csv'], code: 2, message: /--out '.*model\/\.\.\/catalogue\.csv' is the catalogue '.*catalogue\.csv': writing there would destroy it/ },
  { title: 'classify --out is a link to the catalogue', setup: (d) => symlinkSync(join(d, 'catalogue.csv'), join(d, 'link.csv')), args: ['classify', '@/catalogue.csv', '--out', '@/link.csv'], code: 2, message: /--out '.*link\.csv' is the catalogue .*another name/ },
  { title: 'classify --out is a hard link to the catalogue', setup: (d) => linkSync(join(d, 'catalogue.csv'), join(d, 'hard.csv')), args: ['classify', '@/catalogue.csv', '--out', '@/hard.csv'], code: 2, message: /--out '.*hard\.csv' is the catalogue .*another name/ },
  { title: 'classify --out is a --head file', args: ['classify', '@/catalogue.csv', '--head', '@/head.json', '--out', '@/head.json'], code: 2, message: /--out '.*head\.json' is the head file/ },
  { title: 'classify --out is inside the --model folder', args: ['classify', '@/catalogue.csv', '--model', '@/model', '--out', '@/model/labelled.csv'], code: 2, message: /--out '.*labelled\.csv' is inside the model folder/ },
  { title: 'forecast --out is the series file', args: ['forecast', '@/series.csv', '--horizon', '2', '--out', '@/series.csv'], code: 2, message: /--out '.*series\.csv' is the series file/ },
  { title: 'forecast --signals is the series file', args: ['forecast', '@/series.csv', '--horizon', '2', '--signals', '@/series.csv'], code: 2, message: /--signals '.*series\.csv' is the series file/ },
  { title: 'forecast --out is the --lead file', args: ['forecast', '@/series.csv', '--horizon', '2', '--lead', '@/lead.csv', '--out', '@/lead.csv'], code: 2, message: /--out '.*lead\.csv' is the lead file \(--lead\)/ },
  { title: 'forecast --signals is --out', args: ['forecast', '@/series.csv', '--horizon', '2', '--out', '@/f.csv', '--signals', '@/f.csv'], code: 2, message: /--out and --signals both name '.*f\.csv'; give each its own file/ },
  { title: 'forecast --out is a folder', args: ['forecast', '@/series.csv', '--horizon', '2', '--out', '@/model'], code: 2, message: /--out '.*model' is a folder; give a file name inside it/ },
  { title: 'forecast --out is in a folder that does not exist', args: ['forecast', '@/series.csv', '--horizon', '2', '--signals', '@/s.json', '--out', '@/missing/f.csv'], code: 1, message: /Cannot write --out '.*f\.csv': the folder '.*missing' does not exist/ },
  { title: 'train-head --out is the training file', args: ['train-head', '@/labels.csv', '--text', 'text', '--label', 'label', '--embedding', 'none', '--out', '@/labels.csv'], code: 2, message: /--out '.*labels\.csv' is the training file/ },
];

describe('outputs that would destroy an input are refused before any work', () => {
  it.each(refusals)('$title', async ({ setup, args, code, message }) => {
    const dir = folder();
    setup?.(dir);
    const before = snapshot(dir);
    const io = capture();
    const status = await main(args.map((a) => a.replace('@', dir)), io);
    expect(io.stderr).toMatch(message);
    expect(status).toBe(code);
    // Nothing was read, written or left behind: not one progress line, and the folder is as it was.
    expect(io.stderr).not.toMatch(/Forecasting|Read \d+ rows|classify: \d/);
    expect(io.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });
});

/** A stand-in for the classifier: the colour word of each text, probability 0.9; can fail on a given call. */
function fakeClassifier(failOnCall = 0): CliClassifier & { calls: number } {
  const fake = {
    calls: 0,
    heads: ['colour'],
    config: { input_template: 'Item: {text}' },
    labelsOf: () => ['Red', 'Blue', 'Other'],
    classifyItems: () => Promise.reject(new Error('not used')),
    async classifyTexts(texts: readonly string[]): Promise<ItemPrediction[]> {
      fake.calls++;
      if (fake.calls === failOnCall) throw new Error('The model stopped (simulated).');
      return texts.map((t) => {
        const label = /red/i.test(t) ? 'Red' : /blue/i.test(t) ? 'Blue' : 'Other';
        return { heads: { colour: { label, probability: 0.9, top: [{ label, probability: 0.9 }], sure: true } } };
      });
    },
  };
  return fake;
}

describe('outputs are written whole or not at all', () => {
  it.each([
    {
      title: 'forecast fails after its outputs were opened',
      run: (dir: string) => main(['forecast', join(dir, 'series.csv'), '--horizon', '2', '--train-end', '2001-01-01', '--out', join(dir, 'old.csv'), '--signals', join(dir, 'old.json')], capture()),
      message: /No row is dated on or before 2001-01-01/,
    },
    {
      title: 'classify fails in its second batch, after the first was written',
      run: (dir: string) => {
        writeFileSync(join(dir, 'big.csv'), `productDisplayName\n${Array.from({ length: CLASSIFY_BATCH_ROWS + 10 }, (_, i) => `${i % 2 ? 'Red' : 'Blue'} shirt ${i}`).join('\n')}\n`);
        return makeClassifyCommand(async () => fakeClassifier(2)).run([join(dir, 'big.csv'), '--out', join(dir, 'old.csv')], capture()).catch((e: Error) => e);
      },
      message: /simulated/,
    },
  ])('$title: the old outputs stay, no temporary file is left', async ({ run, message }) => {
    const dir = folder();
    writeFileSync(join(dir, 'old.csv'), 'old content\n');
    writeFileSync(join(dir, 'old.json'), '{"old":true}\n');
    const result = await run(dir);
    if (result instanceof Error) expect(result.message).toMatch(message);
    else expect(result).toBe(1);
    expect(readFileSync(join(dir, 'old.csv'), 'utf8')).toBe('old content\n');
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a finished output replaces the old file and keeps its permissions', async () => {
    const dir = folder();
    const out = join(dir, 'labelled.csv');
    writeFileSync(out, 'old content\n');
    chmodSync(out, 0o640);
    const io = capture();
    expect(await makeClassifyCommand(async () => fakeClassifier()).run([join(dir, 'catalogue.csv'), '--out', out], io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('productDisplayName,colour,pred_colour,prob_colour,sure_colour\nRed cotton shirt,Red,Red,0.9000,true\nBlue linen dress,Blue,Blue,0.9000,true\n');
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('an output folder that cannot be written to is found before any work', async () => {
    const dir = folder();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const io = capture();
    expect(await main(['forecast', join(dir, 'series.csv'), '--horizon', '2', '--out', join(locked, 'f.csv')], io)).toBe(1);
    expect(io.stderr).toMatch(/the folder '.*locked' cannot be written to \(permission denied\)/);
    expect(io.stderr).not.toMatch(/Forecasting/);
  });
});
