import { describe, expect, it } from 'vitest';
import { MISSING_VALUE_TOKENS, isMissing, trimEnd, trimStart } from './missing.ts';

describe('isMissing', () => {
  it.each([
    '', ' ', '\t', '\u00a0', 'NA', 'na', 'N/A', 'n/a', 'n.a.', '#N/A', 'null', 'NULL', 'None', 'none', 'nil', '-', '--', '—', '?',
    'nan', 'NaN', '<NA>', 'undefined', '(blank)', '  N/A  ', null, undefined,
  ])('%j is missing', (raw) => {
    expect(isMissing(raw)).toBe(true);
  });

  it.each(['0', 'no', 'n', 'unknown', 'other', 'Nancy', 'nano', '-1', 'NAVY', 'Nylon', '??!', 'None of the above'])('%j is a value', (raw) => {
    expect(isMissing(raw)).toBe(false);
  });

  it('lists its tokens in lower case', () => {
    expect(MISSING_VALUE_TOKENS).toContain('n/a');
    expect(MISSING_VALUE_TOKENS.every((token) => token === token.toLowerCase())).toBe(true);
  });
});

describe('trim bounds', () => {
  it('skips ASCII, no-break, ideographic spaces and a BOM', () => {
    const raw = '\ufeff \u3000 abc \u00a0\r\n';
    const start = trimStart(raw);
    expect(raw.slice(start, trimEnd(raw, start))).toBe('abc');
    expect(trimEnd('   ', trimStart('   '))).toBe(3);
  });
});
