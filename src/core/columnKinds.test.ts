import { describe, expect, it } from 'vitest';
import { columnName, hasModelLabels, headColumnNames, headOfLabelColumn, isDerivedColumn, isLabelColumn, isProbabilityColumn, modelColumnNames, modelHeadsIn, parseColumn, probabilityColumnBeside, type DerivedColumn } from './columnKinds.ts';

describe('derived column kinds', () => {
  const every: [DerivedColumn, string][] = [
    [{ kind: 'label', head: 'articleType', rank: 1 }, 'pred_articleType'],
    [{ kind: 'label', head: 'usage', rank: 3 }, 'pred_usage_3'],
    [{ kind: 'probability', head: 'baseColour', rank: 1 }, 'prob_baseColour'],
    [{ kind: 'probability', head: 'gender', rank: 2 }, 'prob_gender_2'],
    [{ kind: 'sure', head: 'season' }, 'sure_season'],
    [{ kind: 'head-label', label: 'style' }, 'pred_style'],
    [{ kind: 'head-probability', label: 'style' }, 'prob_style'],
    [{ kind: 'filled', column: 'Category' }, 'filled_Category'],
    [{ kind: 'correction', head: 'usage' }, 'label_usage'],
    [{ kind: 'kept', part: 'label', head: 'usage' }, 'model_pred_usage'],
    [{ kind: 'kept', part: 'probability', head: 'usage' }, 'model_prob_usage'],
    [{ kind: 'kept', part: 'sure', head: 'usage' }, 'model_sure_usage'],
    [{ kind: 'ood-distance' }, 'ood_distance'],
  ];

  it.each(every)('%o is named %s and read back as itself', (column, name) => {
    expect(columnName(column)).toBe(name);
    expect(parseColumn(name)).toEqual(column);
  });

  it("reads a file's own columns as none of them", () => {
    for (const name of ['Category', 'productDisplayName', 'pred_', 'prob_', 'sure_', 'predicted', 'probability', 'model_year', 'units sold']) expect(parseColumn(name), name).toBeUndefined();
  });

  it('tells a model head from a fine-tuned head by the model\'s heads', () => {
    expect(parseColumn('pred_fabricWeight')).toEqual({ kind: 'head-label', label: 'fabricWeight' });
    expect(parseColumn('pred_fabricWeight', ['fabricWeight'])).toEqual({ kind: 'label', head: 'fabricWeight', rank: 1 });
    expect(parseColumn('prob_word_2', ['word'])).toEqual({ kind: 'probability', head: 'word', rank: 2 });
    // A rank below 2 is no top-k column: "size_1" is a head's label.
    expect(parseColumn('pred_usage_1')).toEqual({ kind: 'head-label', label: 'usage_1' });
    expect(modelHeadsIn(['pred_word', 'sure_word', 'pred_style'])).toEqual([...modelHeadsIn([]), 'word']);
  });

  it('names a fine-tuned head as the CLI does: pred_<label>, with _head, _head2… when the name is taken', () => {
    const taken = new Set(['name', 'pred_category']);
    expect(headColumnNames('style', taken)).toEqual({ label: 'pred_style', probability: 'prob_style' });
    // The model's own columns are never shadowed, whether or not the table holds them yet.
    expect(headColumnNames('usage', taken)).toEqual({ label: 'pred_usage_head', probability: 'prob_usage_head' });
    expect(headColumnNames('category', taken)).toEqual({ label: 'pred_category_head', probability: 'prob_category_head' });
    expect(headColumnNames('category', taken)).toEqual({ label: 'pred_category_head2', probability: 'prob_category_head2' });
    expect(taken.has('prob_category_head2')).toBe(true);
    // Only `taken` counts when no model heads are given (the CLI adds its model's columns to `taken`).
    expect(headColumnNames('usage', new Set(), [])).toEqual({ label: 'pred_usage', probability: 'prob_usage' });
    // Read back, each is the head's label without the suffix.
    for (const name of ['pred_usage_head', 'pred_category_head2']) expect(parseColumn(name)).toEqual({ kind: 'head-label', label: name.slice(5).replace(/_head\d*$/, '') });
  });

  it('pairs a label column with the probability column written beside it', () => {
    expect(probabilityColumnBeside('pred_Category')).toBe('prob_Category');
    expect(probabilityColumnBeside('pred_usage_head2')).toBe('prob_usage_head2');
    expect(probabilityColumnBeside('ft_Category')).toBeUndefined();
    expect(probabilityColumnBeside('Category')).toBeUndefined();
  });

  it("reads the app's old names for a taught head as the same kinds", () => {
    expect(parseColumn('ft_Category')).toEqual({ kind: 'head-label', label: 'Category' });
    expect(parseColumn('ft_prob_Category')).toEqual({ kind: 'head-probability', label: 'Category' });
    expect(parseColumn('ft_filled_Category')).toEqual({ kind: 'filled', column: 'Category' });
  });

  it('lists the model columns in the order classify writes them, and answers the common questions', () => {
    expect(modelColumnNames(['usage', 'gender'], 2)).toEqual(['pred_usage', 'prob_usage', 'sure_usage', 'pred_usage_2', 'prob_usage_2', 'pred_gender', 'prob_gender', 'sure_gender', 'pred_gender_2', 'prob_gender_2']);
    expect(headOfLabelColumn('pred_usage')).toBe('usage');
    expect([headOfLabelColumn('pred_usage_2'), headOfLabelColumn('pred_style'), headOfLabelColumn('sure_usage')]).toEqual([undefined, undefined, undefined]);
    expect(['pred_usage', 'pred_style', 'ft_Category', 'prob_usage', 'label_usage'].map((n) => isLabelColumn(n))).toEqual([true, true, true, false, false]);
    expect(['prob_usage', 'prob_style', 'ft_prob_Category', 'pred_usage', 'sure_usage'].map((n) => isProbabilityColumn(n))).toEqual([true, true, true, false, false]);
    expect(['ood_distance', 'model_sure_usage', 'Category'].map((n) => isDerivedColumn(n))).toEqual([true, true, false]);
    expect([hasModelLabels(['name', 'pred_usage']), hasModelLabels(['name', 'pred_style', 'prob_style']), hasModelLabels(['pred_word', 'sure_word'])]).toEqual([true, false, true]);
  });
});
