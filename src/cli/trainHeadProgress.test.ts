/**
 * `trendloom train-head` reports progress in one line (redrawn in place on a terminal) or a few
 * lines, not one per epoch, and never "NaN" for the refit on all rows (issue 17, item 9).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitWidth, type CliIO } from './io.ts';
import { main } from './main.ts';
import { progressHooks } from './trainHead.ts';

/** Plays a run through the hooks: features, `epochs` epochs of 200 rows (kept: epoch 12), then a refit of 12 epochs on 240 rows; the clock moves 1 s a step. */
function playRun(io: CliIO, epochs: number) {
  let t = 0;
  const reporter = progressHooks(io, { labelled: 240, maxEpochs: 100 }, () => t);
  reporter.onProgress!({ stage: 'features', done: 0, total: 240 });
  for (let e = 1; e <= epochs; e++) {
    for (const done of [0, 100, 200]) reporter.onProgress!({ stage: 'training', done, total: 200, epoch: e });
    t += 1000;
    reporter.onEpoch!({ epoch: e, trainLoss: 1, validationLoss: 1, validationAccuracy: e <= 12 ? 0.5 + e / 100 : 0.6, learningRate: 0.1, improved: e <= 12 });
  }
  for (let e = 1; e <= 12; e++) {
    for (const done of [0, 120, 240]) reporter.onProgress!({ stage: 'training', done, total: 240, epoch: e });
    t += 1000;
    reporter.onEpoch!({ epoch: e, trainLoss: 1, validationLoss: 1, validationAccuracy: Number.NaN, learningRate: 0.1, improved: true });
  }
  reporter.finish();
}

describe('train-head progress (issue 17, item 9)', () => {
  it('writes a few whole lines when standard error is not a terminal', () => {
    let err = '';
    playRun({ out: () => {}, err: (text) => void (err += text) }, 40);
    expect(err.split('\n').filter(Boolean)).toEqual([
      'Building text features for 240 rows…',
      'Training on 200 rows, checking on 40 held-out rows (at most 100 epochs; it stops early when held-out accuracy stops improving)…',
      '  Training: epoch 15 of at most 100, held-out accuracy 60.0%; best so far: epoch 12, held-out accuracy 62.0%',
      '  Training: epoch 30 of at most 100, held-out accuracy 60.0%; best so far: epoch 12, held-out accuracy 62.0%',
      'Stopped after epoch 40 of at most 100; kept epoch 12 (held-out accuracy 62.0%).',
      'Refitting on all 240 labelled rows for 12 epochs (no rows are held out, so the accuracy reported is the one measured before)…',
    ]);
  });

  it('redraws one line in place on a terminal and clears it at the end', () => {
    let err = '';
    const drawn: string[] = [];
    playRun({ out: () => {}, err: (text) => void (err += text), progress: (line) => void drawn.push(line) }, 40);
    expect(err).toBe('');
    expect(drawn[0]).toBe('Building text features for 240 rows…');
    expect(drawn).toContain('Training: epoch 20 of at most 100, held-out accuracy 60.0%; best so far: epoch 12, held-out accuracy 62.0%');
    expect(drawn).toContain('Refitting on all 240 labelled rows: epoch 7 of 12');
    expect(drawn.some((line) => line.includes('NaN'))).toBe(false);
    expect(drawn[drawn.length - 1]).toBe('');
  });

  it('train-head on a real file: no line per epoch, no NaN, a summary that says what the refit is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trendloom-progress-'));
    const file = join(dir, 'items.csv');
    const words = ['linen shirt', 'wool coat', 'denim jeans', 'silk dress'];
    const rows = Array.from({ length: 200 }, (_, i) => `${i},${words[i % 4]} ${i % 9},${words[i % 4]!.split(' ')[1]}`);
    writeFileSync(file, `id,name,kind\n${rows.join('\n')}\n`);
    let err = '';
    let out = '';
    const status = await main(['train-head', file, '--text', 'name', '--label', 'kind', '--out', join(dir, 'head.json'), '--embedding', 'none', '--hash-bits', '10', '--epochs', '40'], { out: (t) => void (out += t), err: (t) => void (err += t) });
    expect(status).toBe(0);
    expect(err).not.toMatch(/NaN/);
    expect(out).not.toMatch(/NaN/);
    expect(err).not.toMatch(/epoch \d+: validation accuracy/);
    expect(err).toMatch(/^Stopped after epoch \d+ of at most 40; kept epoch \d+ \(held-out accuracy \d+\.\d%\)\.$/m);
    expect(out).toMatch(/single-label head for 'kind' \(4 labels\) on 168 rows in [\d.]+ s; kept epoch \d+, then refitted on all 200 labelled rows\./);
    expect(out).toMatch(/Validation on 32 held-out rows \(measured before the refit, which holds no rows out\):\n {2}accuracy {2}100\.0%/);
  });
});

describe('fitWidth (the in-place progress line)', () => {
  it('cuts a line to one less than the terminal width, with an ellipsis', () => {
    expect(fitWidth('Training: epoch 7 of at most 100', 20)).toBe('Training: epoch 7 …');
    expect(fitWidth('short', 20)).toBe('short');
    expect(fitWidth('x'.repeat(79), undefined)).toBe('x'.repeat(79));
    // A terminal that reports no width (0) is taken as 80 wide.
    expect(fitWidth('x'.repeat(79), 0)).toBe('x'.repeat(79));
    expect(fitWidth('x'.repeat(80), undefined)).toBe(`${'x'.repeat(78)}…`);
  });
});
