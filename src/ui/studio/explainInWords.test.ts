import { describe, expect, it } from 'vitest';
import { scoreConcept } from '../../core/studio/potential.ts';
import { explainInWords } from './ConceptPanel.tsx';

// Olive doubles against the same quarter last year, Dresses hold, usage is unsure.
const score = scoreConcept(
  [
    { head: 'articleType', label: 'Dresses', sure: true },
    { head: 'baseColour', label: 'Olive', sure: true },
    { head: 'usage', label: 'Casual', sure: false },
  ],
  (_head, label) => ({ history: [0.1, 0.1, 0.1, 0.1, 0.1], point: [label === 'Olive' ? 0.2 : 0.1] }),
  4,
  1,
);

describe('a concept score in words', () => {
  it('speaks English and Chinese, strongest mover first, the unsure attribute left out', () => {
    expect(explainInWords('en', score)).toBe('Olive is forecast +100 % vs last year; Dresses flat (±0 %); Usage not counted: the model is unsure (Casual?).');
    expect(explainInWords('zh', score)).toBe('Olive 预计较去年同季 +100 %；Dresses 持平（±0 %）；用途未计入：模型不确定（Casual？）。');
  });
});
