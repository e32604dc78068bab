/** Byte counts for people: the one formatter of the app, the notes and the CLI. */

/**
 * "512 B", "12.3 KB", "1.5 GB": binary steps (1 KB = 1024 B), one decimal above bytes.
 * `formatNumber` writes the number (the page passes its locale's; default plain `toFixed`).
 */
export function formatBytes(bytes: number, formatNumber: (value: number, digits: number) => string = (value, digits) => value.toFixed(digits)): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}
