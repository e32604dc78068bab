import { describe, expect, it } from 'vitest';
import { headColumnsFor, headLanguageNote } from './apply.ts';
import { trainHead } from './head.ts';

// Issue 17, item 4 (the browser half): a head is never applied silently to columns or a language it did not learn.
describe('what a head reads in another file', () => {
  it('reads the columns it was trained on when the file has them', () => {
    expect(headColumnsFor(['name', 'description'], ['id', 'name', 'description'], ['name'])).toEqual({ columns: ['name', 'description'], notes: [] });
  });

  it("reads the file's mapped text columns instead, and says so, when the file lacks them", () => {
    expect(headColumnsFor(['productDisplayName'], ['Product', 'Description', 'Category'], ['Product', 'Description'])).toEqual({
      columns: ['Product', 'Description'],
      notes: [{ code: 'columnsStandIn', missing: ['productDisplayName'], using: ['Product', 'Description'] }],
    });
    // One of two columns missing is missing too.
    expect(headColumnsFor(['name', 'notes'], ['name'], ['name']).notes).toEqual([{ code: 'columnsStandIn', missing: ['notes'], using: ['name'] }]);
  });

  it('uses the mapped text silently for a head that names no columns, and refuses when there is no text at all', () => {
    expect(headColumnsFor([], ['Product'], ['Product'])).toEqual({ columns: ['Product'], notes: [] });
    expect(() => headColumnsFor(['productDisplayName'], ['SKU', 'Units'], [])).toThrow(/reads the text of 'productDisplayName', and this file has no text column to read instead/);
  });

  it('warns when the head learnt another language than most of the file, not for small differences or old heads', () => {
    expect(headLanguageNote(0, 0.9)).toEqual({ code: 'otherLanguage', headChineseShare: 0, fileChineseShare: 0.9 });
    expect(headLanguageNote(1, 0.2)).toEqual({ code: 'otherLanguage', headChineseShare: 1, fileChineseShare: 0.2 });
    expect(headLanguageNote(0.1, 0.4)).toBeUndefined();
    expect(headLanguageNote(undefined, 1)).toBeUndefined();
  });

  it('a trained head records how much of its training text was Chinese', async () => {
    const texts = ['白色T恤 女', '黑色 连衣裙', 'navy shirt', 'red dress', '灰色 卫衣', 'blue jeans', '白色 衬衫', 'green skirt'];
    const labels = texts.map((_, i) => [i % 2 ? 'b' : 'a']);
    const { head } = await trainHead(texts, labels, { hashBits: 8, maxEpochs: 2 });
    expect(head.chineseShare).toBe(0.5);
  });
});
