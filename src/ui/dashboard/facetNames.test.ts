import { describe, expect, it } from 'vitest';
import { columnTitle, facetTitle } from './facetNames.ts';

describe('column and facet names for people', () => {
  it('name the columns the app adds, in English and Chinese, and leave the file\'s own alone', () => {
    expect(['pred_articleType', 'prob_articleType', 'sure_usage', 'label_usage', 'ft_Category', 'ft_prob_Category', 'ft_filled_Category', 'ood_distance', 'Product'].map((c) => columnTitle('en', c))).toEqual([
      'Article type (model)',
      'Article type (model): certainty',
      'Usage (model): sure?',
      'Usage (model): your correction',
      'Category (taught)',
      'Category (taught): certainty',
      'Category (taught): filled by the model',
      'Distance from the items the model learnt from',
      'Product',
    ]);
    expect(columnTitle('zh', 'pred_baseColour')).toBe('颜色（模型）');
  });

  it('name a taught head the same under its names, old (ft_) and new (pred_<label>, _head when the model has the name)', () => {
    const titles = ['Category (taught)', 'Category (taught): certainty', 'Category (taught): filled by the model'];
    expect(['pred_Category', 'prob_Category', 'filled_Category'].map((c) => columnTitle('en', c))).toEqual(titles);
    expect(['ft_Category', 'ft_prob_Category', 'ft_filled_Category'].map((c) => columnTitle('en', c))).toEqual(titles);
    expect(['pred_usage_head', 'prob_usage_head', 'pred_usage'].map((c) => columnTitle('en', c))).toEqual(['Usage (taught)', 'Usage (taught): certainty', 'Usage (model)']);
  });

  it('name a facet by its column and role', () => {
    expect(facetTitle('en', 'Category', [{ name: 'Category', role: 'category' }])).toBe('Category (your file)');
    expect(facetTitle('en', 'pred_usage', [])).toBe('Usage (model)');
    expect(facetTitle('en', 'Units sold', [{ name: 'Units sold', role: 'units' }])).toBe('Units sold');
  });
});
