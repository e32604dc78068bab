import { Bool, makeData, makeVector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { NO_LABEL, SURE, UNSURE, headOfColumn, sureFlagsOf, sureOnlyMask, unsureHeadFor, unsureSummary } from './unsure.ts';

describe('unsure labels', () => {
  it('reads a nullable Bool column as sure / unsure / no label', () => {
    // Rows: true, false, null, true (validity bit 2 cleared).
    const vector = makeVector(makeData({ type: new Bool(), length: 4, nullCount: 1, nullBitmap: Uint8Array.from([0b1011]), data: Uint8Array.from([0b1001]) }));
    expect(Array.from(sureFlagsOf(vector))).toEqual([SURE, UNSURE, NO_LABEL, SURE]);
  });

  it('refuses a column that is not true/false with a plain message', () => {
    expect(() => sureFlagsOf(vectorFromArray(['yes', 'no']))).toThrow(/must hold true\/false values/);
  });

  it('states the unsure share of the labelled items only', () => {
    expect(unsureSummary([SURE, UNSURE, NO_LABEL, UNSURE, SURE])).toEqual({ labelled: 4, unsure: 2, share: 0.5 });
    expect(Number.isNaN(unsureSummary([NO_LABEL]).share)).toBe(true);
  });

  it('finds the head of a facet, else the preferred or first flagged head', () => {
    const columns = ['name', 'pred_usage', 'prob_usage', 'sure_usage', 'pred_articleType', 'sure_articleType', 'pred_season'];
    expect(headOfColumn('pred_usage')).toBe('usage');
    expect(headOfColumn('Category')).toBeUndefined();
    expect(unsureHeadFor('pred_usage', columns)).toBe('usage');
    expect(unsureHeadFor('Category', columns)).toBe('articleType');
    // pred_season has no flags: the preferred head is used instead.
    expect(unsureHeadFor('pred_season', columns)).toBe('articleType');
    expect(unsureHeadFor('Category', columns, 'gender')).toBe('usage');
    expect(unsureHeadFor('Category', ['name', 'pred_usage'])).toBeUndefined();
  });

  it('masks out unsure and unlabelled items on top of the filters', () => {
    const flags = [SURE, UNSURE, NO_LABEL, SURE];
    expect(Array.from(sureOnlyMask(4, flags))).toEqual([1, 0, 0, 1]);
    expect(Array.from(sureOnlyMask(4, flags, Uint8Array.from([1, 1, 1, 0])))).toEqual([1, 0, 0, 0]);
    expect(() => sureOnlyMask(5, flags)).toThrow(/4 items but there are 5/);
  });
});
