import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const fixture = join(import.meta.dirname, '../../test/fixtures/forecast/small_weekly.csv');

describe('trendloom forecast --global', () => {
  it('trains the global attention model and lets it compete in every series\' backtests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendloom-forecast-global-'));
    const signals = join(dir, 's.json');
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t) };
    expect(await main(['forecast', fixture, '--horizon', '3', '--train-end', '2018-12-31', '--signals', signals, '--global'], io)).toBe(0);
    expect(err.join('')).toMatch(/Training the global attention model across all series/);
    const json = JSON.parse(readFileSync(signals, 'utf8'));
    for (const s of json.series) {
      const global = s.models.find((m: { model: string }) => m.model === 'global');
      expect(global).toBeDefined();
      expect(Number.isFinite(global.backtestMase)).toBe(true);
    }
  }, 180_000); // trains a model on every series: over a minute on a loaded 2-core machine
});
