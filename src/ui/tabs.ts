/**
 * Keyboard movement in a row of tabs (WAI-ARIA tabs pattern): arrows move to the neighbouring
 * tab, wrapping round, Home and End to the first and last.
 */

/** The index of the tab a key moves to from tab `index` of `count`, or null when the key does not move. */
export function tabKeyTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The ids that tie a tab to its panel: `<prefix>-tab-<name>` labels `<prefix>-panel-<name>`. */
export function tabIds(prefix: string, name: string): { tab: string; panel: string } {
  return { tab: `${prefix}-tab-${name}`, panel: `${prefix}-panel-${name}` };
}
