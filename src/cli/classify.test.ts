import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { csvField } from '../core/csv/field.ts';

const FIXTURE = new URL('../../test/fixtures/classifier/catalogue-heldout-sample.csv', import.meta.url).pathname;

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

function parseSimpleCsv(text: string): string[][] {
  // The fixture's names have no quotes or commas, so a split is enough for the assertions.
  return text.trimEnd().split(/\r?\n/).map((line) => line.split(','));
}

describe('trendloom classify', () => {
  it('labels a catalogue end to end and keeps every input column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'classify-'));
    const outFile = join(dir, 'labelled.csv');
    const { io, err } = captureIO();
    const status = await main(['classify', FIXTURE, '--text', 'productDisplayName', '--out', outFile, '--top-k', '2'], io);
    expect(status).toBe(0);
    const input = parseSimpleCsv(readFileSync(FIXTURE, 'utf8'));
    const output = parseSimpleCsv(readFileSync(outFile, 'utf8'));
    const header = output[0]!;
    expect(header.slice(0, input[0]!.length)).toEqual(input[0]);
    for (const head of ['articleType', 'subCategory', 'masterCategory', 'baseColour', 'usage', 'gender', 'season']) {
      expect(header).toContain(`pred_${head}`);
      expect(header).toContain(`prob_${head}`);
      expect(header).toContain(`pred_${head}_2`);
    }
    expect(output).toHaveLength(input.length);
    const col = (name: string) => header.indexOf(name);
    let masterRight = 0;
    let articleRight = 0;
    for (let r = 1; r < output.length; r++) {
      const row = output[r]!;
      expect(row.slice(0, input[r]!.length)).toEqual(input[r]);
      const p = Number(row[col('prob_articleType')]);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(Number(row[col('prob_articleType_2')])).toBeLessThanOrEqual(p);
      if (row[col('pred_masterCategory')] === row[col('masterCategory')]) masterRight++;
      if (row[col('pred_articleType')] === row[col('articleType')]) articleRight++;
    }
    // Held-out items the model never trained on: master category is nearly always right.
    expect(masterRight / (output.length - 1)).toBeGreaterThanOrEqual(0.9);
    expect(articleRight / (output.length - 1)).toBeGreaterThanOrEqual(0.7);
    // The fixture repeats its first item: same text, same answer.
    expect(output[output.length - 1]!.slice(input[0]!.length)).toEqual(output[1]!.slice(input[0]!.length));
    expect(err.join('')).toMatch(/41 items/);
  });

  it('names the available columns when --text does not exist', async () => {
    const { io, err } = captureIO();
    const status = await main(['classify', FIXTURE, '--text', 'title,productDisplayName'], io);
    expect(status).toBe(2);
    expect(err.join('')).toMatch(/No column named "title".*Available columns: id, gender, masterCategory/s);
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
  });
});
