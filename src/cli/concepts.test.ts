/** `trendloom concepts` (issue 14, part 2): concepts scored against a small hand-made catalogue's forecasts. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvText } from '../core/csv/textRows.ts';
import type { ItemPrediction } from '../model/classifier.ts';
import type { CliClassifier } from './classify.ts';
import { makeConceptsCommand } from './concepts.ts';

const dir = mkdtempSync(join(tmpdir(), 'trendloom-concepts-'));

/** A stand-in classifier that reads keywords: sure of type and colour when named, unsure of usage unless the text says "casual". */
const keywords: Record<string, [string, string][]> = {
  articleType: [['dress', 'Dresses'], ['shirt', 'Shirts'], ['jeans', 'Jeans']],
  baseColour: [['olive', 'Olive'], ['navy', 'Navy Blue'], ['black', 'Black']],
};
const standIn: CliClassifier = {
  heads: ['articleType', 'baseColour', 'usage', 'season', 'gender'],
  config: { input_template: 'Item: {text}' },
  labelsOf: () => [],
  classifyItems: async () => [],
  classifyTexts: async (texts) =>
    texts.map((text): ItemPrediction => {
      const lower = text.toLowerCase();
      const head = (name: string): ItemPrediction['heads'][string] => {
        const hit = keywords[name]?.find(([word]) => lower.includes(word));
        const label = hit?.[1] ?? (name === 'usage' ? 'Casual' : name === 'season' ? 'Summer' : name === 'gender' ? 'Women' : 'Tops');
        const sure = name === 'usage' ? lower.includes('casual') : !!hit;
        return { label, probability: sure ? 0.95 : 0.4, top: [{ label, probability: sure ? 0.95 : 0.4 }], sure };
      };
      return { heads: Object.fromEntries(standIn.heads.map((h) => [h, head(h)])) };
    }),
};

/**
 * Twelve quarters (2022 Q1 … 2024 Q4) of 100 items: dresses rise (20 + 2q), shirts stay at 30,
 * jeans fall; olive rises (10 + 2q), navy stays at 40, black falls; every item is casual.
 * With `labelled`, the model's pred_/sure_ columns are in the file; without, only names.
 */
function history(name: string, labelled: boolean): string {
  const rows = [labelled ? 'name,sold_on,pred_articleType,sure_articleType,pred_baseColour,sure_baseColour,pred_usage,sure_usage' : 'name,sold_on'];
  for (let q = 0; q < 12; q++) {
    const date = `${2022 + Math.floor(q / 4)}-${String(1 + 3 * (q % 4)).padStart(2, '0')}-15`;
    for (let i = 0; i < 100; i++) {
      const type = i < 20 + 2 * q ? 'Dresses' : i < 50 + 2 * q ? 'Shirts' : 'Jeans';
      const colour = (i * 37) % 100 < 10 + 2 * q ? 'Olive' : (i * 37) % 100 < 50 + 2 * q ? 'Navy Blue' : 'Black';
      const words = `${colour === 'Navy Blue' ? 'navy' : colour.toLowerCase()} ${type === 'Dresses' ? 'dress' : type === 'Shirts' ? 'shirt' : 'jeans'} no ${q}-${i}`;
      rows.push(labelled ? `${words},${date},${type},true,${colour},true,Casual,true` : `${words},${date}`);
    }
  }
  const path = join(dir, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

const concepts = join(dir, 'concepts.csv');
writeFileSync(concepts, 'idea,designer\nNavy shirt with a camp collar,Ana\nBlack slim jeans,Bo\nOlive midi dress,Cy\n,empty row\nCasual olive dress,Di\n');

async function run(args: string[]) {
  let out = '';
  let err = '';
  const status = await makeConceptsCommand(async () => standIn).run(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { status, out, err };
}

describe('trendloom concepts', () => {
  it('ranks rising concepts first, falling last, and explains each in words', async () => {
    const out = join(dir, 'scored.csv');
    const { status, err } = await run([concepts, '--text', 'idea', '--history', history('labelled.csv', true), '--period', 'quarter', '--out', out]);
    expect(status).toBe(0);
    expect(err).toContain('4 concepts scored against 12 periods');
    const rows = splitCsvText(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['rank', 'idea', 'designer', 'potential_pct', 'potential_low_pct', 'potential_high_pct', 'log_ratio', 'pred_articleType', 'sure_articleType', 'pred_baseColour', 'sure_baseColour', 'pred_usage', 'sure_usage', 'explanation']);
    const byIdea = new Map(rows.slice(1).map((r) => [r[1]!, r]));
    const potential = (idea: string) => Number(byIdea.get(idea)![6]);
    // Olive and dresses rise; navy and shirts hold; black and jeans fall.
    expect(potential('Olive midi dress')).toBeGreaterThan(0.1);
    expect(Math.abs(potential('Navy shirt with a camp collar'))).toBeLessThan(0.05);
    expect(potential('Black slim jeans')).toBeLessThan(-0.1);
    // The two olive dresses rank first and second, the jeans last; the designer column is kept.
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Olive midi dress', 'Casual olive dress', 'Navy shirt with a camp collar', 'Black slim jeans'].sort((a, b) => potential(b) - potential(a)));
    expect(rows[rows.length - 1]![1]).toBe('Black slim jeans');
    expect(byIdea.get('Black slim jeans')![2]).toBe('Bo');
    // Usage counts only where the model is sure of it (the concept says "casual"); it is flat (every item is casual).
    expect(byIdea.get('Olive midi dress')![13]).toMatch(/^(Dresses|Olive) is forecast \+\d+ % vs last year; (Olive|Dresses) rising \(\+\d+ %\); usage not counted: the model is unsure \(Casual\?\)\.$/);
    expect(byIdea.get('Casual olive dress')![13]).toContain('Casual flat (±0 %)');
    expect(byIdea.get('Casual olive dress')![12]).toBe('true');
    // The 80 % range holds the point.
    const [, , , point, low, high] = byIdea.get('Olive midi dress')!;
    expect(Number(point)).toBeCloseTo(100 * (Math.exp(potential('Olive midi dress')) - 1), 0);
    expect(Number(low)).toBeLessThanOrEqual(Number(point));
    expect(Number(high)).toBeGreaterThanOrEqual(Number(point));
  });

  it('labels a history without pred_ columns with the model first, to the same ranking', async () => {
    const { status, out, err } = await run([concepts, '--text', 'idea', '--history', history('plain.csv', false), '--period', 'quarter']);
    expect(status).toBe(0);
    expect(err).toContain('labelling 1,200 history items with the model');
    const rows = splitCsvText(out);
    expect(rows[1]![1]).toMatch(/olive/i);
    expect(rows[rows.length - 1]![1]).toBe('Black slim jeans');
  });

  it('says what is missing in plain words', async () => {
    await expect(run([concepts, '--history', history('h.csv', true)])).rejects.toThrow(/--text/);
    await expect(run([concepts, '--text', 'idea'])).rejects.toThrow(/--history/);
    await expect(run([concepts, '--text', 'title', '--history', history('h2.csv', true)])).rejects.toThrow(/has no column "title". Its columns: idea, designer/);
    const undated = join(dir, 'undated.csv');
    writeFileSync(undated, 'name,pred_articleType\nnavy shirt,Shirts\n');
    await expect(run([concepts, '--text', 'idea', '--history', undated])).rejects.toThrow(/no date column/);
  });
});
