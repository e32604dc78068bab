import { describe, expect, it } from 'vitest';
import { tabIds, tabKeyTarget } from './tabs.ts';

describe('tab keys (issue 17, item 10)', () => {
  it('move to the neighbouring tab with the arrows, wrapping round', () => {
    expect(tabKeyTarget('ArrowRight', 0, 8)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 7, 8)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 8)).toBe(7);
    expect(tabKeyTarget('ArrowLeft', 3, 8)).toBe(2);
    expect(tabKeyTarget('ArrowDown', 3, 8)).toBe(4);
    expect(tabKeyTarget('ArrowUp', 3, 8)).toBe(2);
  });
  it('go to the first and last tab with Home and End', () => {
    expect(tabKeyTarget('Home', 5, 8)).toBe(0);
    expect(tabKeyTarget('End', 2, 8)).toBe(7);
  });
  it('leave other keys (Tab, Enter, letters) alone', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a']) expect(tabKeyTarget(key, 2, 8)).toBeNull();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeNull();
  });
  it('tie each tab to its panel by id', () => {
    expect(tabIds('dashboard', 'trends')).toEqual({ tab: 'dashboard-tab-trends', panel: 'dashboard-panel-trends' });
  });
});
