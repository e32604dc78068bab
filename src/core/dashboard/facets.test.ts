import { describe, expect, it } from 'vitest';
import { SHIPPED_MODEL_HEADS } from '../columnKinds.ts';
import { chooseDefaultFacet, describeFacet, facetInformation, facetOptions, humaniseName, valueCounts, type Facet } from './facets.ts';

const columns = [
  { name: 'SKU', role: 'id' },
  { name: 'Product', role: 'text' },
  { name: 'Description', role: 'text' },
  { name: 'Colour', role: 'colours' },
  { name: 'Category', role: 'category' },
  { name: 'Launch date', role: 'date' },
  { name: 'Region', role: 'region' },
  { name: 'Units sold', role: 'units' },
  { name: 'pred_articleType', role: 'label' },
  { name: 'prob_articleType', role: 'ignore' },
  { name: 'sure_articleType', role: 'ignore' },
  { name: 'pred_usage', role: 'label' },
  { name: 'pred_fabricWeight', role: 'label' },
  // Another model's head: its sure flags say it is a model's.
  { name: 'sure_fabricWeight', role: 'ignore' },
  { name: 'ft_Category', role: 'label' },
  { name: 'ft_prob_Category', role: 'ignore' },
  { name: 'ft_filled_Category', role: 'ignore' },
  { name: 'prob_Category', role: 'ignore' },
  { name: 'filled_Category', role: 'ignore' },
  { name: 'label_usage', role: 'ignore' },
  { name: 'ood_distance', role: 'ignore' },
];

describe('facet names', () => {
  it('name facets for people, never pred_…', () => {
    expect(describeFacet({ name: 'pred_articleType', role: 'label' })).toEqual({ column: 'pred_articleType', source: 'model', base: 'Article type', head: 'articleType', label: 'Article type (model)' });
    expect(describeFacet({ name: 'pred_baseColour', role: 'label' })?.label).toBe('Colour (model)');
    // A head of another model (not in MODEL_HEAD_NAMES) is humanised; without its model it reads as a taught head.
    expect(describeFacet({ name: 'pred_fabricWeight', role: 'label' }, [...SHIPPED_MODEL_HEADS, 'fabricWeight'])?.label).toBe('Fabric weight (model)');
    expect(describeFacet({ name: 'pred_fabricWeight', role: 'label' })?.label).toBe('Fabric weight (taught)');
    expect(describeFacet({ name: 'Category', role: 'category' })).toEqual({ column: 'Category', source: 'file', base: 'Category', label: 'Category (your file)' });
    expect(describeFacet({ name: 'pred_Category', role: 'label' })?.label).toBe('Category (taught)');
    expect(describeFacet({ name: 'pred_usage_head', role: 'label' })?.label).toBe('Usage (taught)');
    // (The app's old name of a taught head.)
    expect(describeFacet({ name: 'ft_Category', role: 'label' })?.label).toBe('Category (taught)');
    expect(humaniseName('fabric_type')).toBe('Fabric type');
  });

  it('are not made from text, dates, numbers, probabilities, flags or corrections', () => {
    for (const name of ['SKU', 'Product', 'Launch date', 'Units sold', 'prob_articleType', 'sure_articleType', 'ft_prob_Category', 'ft_filled_Category', 'label_usage', 'ood_distance', 'prob_Category', 'filled_Category']) {
      expect(describeFacet(columns.find((c) => c.name === name)!), name).toBeUndefined();
    }
  });

  it('offer the file\'s own columns first (category before colours and region), then taught heads, then the model', () => {
    expect(facetOptions(columns).map((f) => f.label)).toEqual([
      'Category (your file)',
      'Colour (your file)',
      'Region (your file)',
      'Category (taught)',
      'Article type (model)',
      'Usage (model)',
      'Fabric weight (model)',
    ]);
    expect(facetOptions(columns).every((f) => !/pred_/.test(f.label))).toBe(true);
  });
});

describe('the default facet', () => {
  it('measures how much a facet tells', () => {
    // Usage: 95 % Casual, 4 % Sports, 1 % Formal of 1,000 items; Formal has too few items to chart.
    const usage = facetInformation([950, 40, 10], 1000, 20, 8);
    expect(usage.supported).toBe(2);
    expect(usage.coverage).toBeCloseTo(0.99, 12);
    expect(usage.entropy).toBeCloseTo(-(950 / 990) * Math.log2(950 / 990) - (40 / 990) * Math.log2(40 / 990), 12);
    expect(usage.score).toBeCloseTo(0.2417, 3);
    // Four even categories on every item: 2 bits.
    expect(facetInformation([250, 250, 250, 250], 1000, 20, 8)).toEqual({ entropy: 2, coverage: 1, score: 2, supported: 4 });
    // Half the items unlabelled halves the score.
    expect(facetInformation([125, 125, 125, 125], 1000, 20, 8).score).toBeCloseTo(1, 12);
    expect(facetInformation([5, 3], 1000, 20, 8)).toEqual({ entropy: 0, coverage: 0, score: 0, supported: 0 });
  });

  it('is the most informative facet, not the first: 95 % "Casual" never wins', () => {
    const facets = facetOptions([{ name: 'pred_usage', role: 'label' }, { name: 'pred_articleType', role: 'label' }]);
    const counts: Record<string, number[]> = { pred_usage: [950, 40, 10], pred_articleType: [300, 250, 200, 150, 100] };
    const info = (f: Facet) => facetInformation(counts[f.column]!, 1000, 20, 8);
    expect(facets[0]!.column).toBe('pred_usage');
    expect(chooseDefaultFacet(facets, info)?.label).toBe('Article type (model)');
  });

  it('prefers the file\'s own column unless a model facet tells clearly more', () => {
    const facets = facetOptions([{ name: 'pred_articleType', role: 'label' }, { name: 'Category', role: 'category' }]);
    const close: Record<string, number[]> = { Category: [200, 200, 200, 200, 200], pred_articleType: [170, 170, 170, 170, 160, 160] };
    expect(chooseDefaultFacet(facets, (f) => facetInformation(close[f.column]!, 1000, 20, 8))?.column).toBe('Category');
    const far: Record<string, number[]> = { Category: [900, 100], pred_articleType: [200, 200, 200, 200, 200] };
    expect(chooseDefaultFacet(facets, (f) => facetInformation(far[f.column]!, 1000, 20, 8))?.column).toBe('pred_articleType');
  });

  it('falls back to the first facet when no value has enough support, and to nothing without facets', () => {
    const facets = facetOptions([{ name: 'Category', role: 'category' }, { name: 'pred_usage', role: 'label' }]);
    expect(chooseDefaultFacet(facets, () => facetInformation([3, 2], 5, 20, 8))?.column).toBe('Category');
    expect(chooseDefaultFacet([], () => facetInformation([], 0, 20, 8))).toBeUndefined();
  });

  it('counts items per value of single and multi-label columns', () => {
    expect(Array.from(valueCounts({ kind: 'single', codes: Int32Array.from([0, 1, 1, -1, 2]) }, 3))).toEqual([1, 2, 1]);
    expect(Array.from(valueCounts({ kind: 'multi', offsets: Int32Array.from([0, 2, 3]), codes: Int32Array.from([0, 1, 1]) }, 2))).toEqual([1, 2]);
    // With sure flags only the sure items count (2 = no label, 0 = unsure).
    expect(Array.from(valueCounts({ kind: 'single', codes: Int32Array.from([0, 1, 1, -1, 2]) }, 3, Uint8Array.from([1, 0, 1, 2, 1])))).toEqual([1, 1, 1]);
    expect(Array.from(valueCounts({ kind: 'single', codes: Int32Array.from([0, 1]) }, 2, Uint8Array.from([0, 0])))).toEqual([0, 0]);
    expect(Array.from(valueCounts({ kind: 'multi', offsets: Int32Array.from([0, 2, 3]), codes: Int32Array.from([0, 1, 1]) }, 2, Uint8Array.from([0, 1])))).toEqual([0, 1]);
  });
});
