/**
 * Header names split into words, so `productDisplayName`, `product_display_name` and
 * `Product Display Name` all read as ['product', 'display', 'name'].
 */

/** The lower-case words of a header: camelCase, snake_case, kebab-case, spaces and digits split apart. */
export function headerWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2') // productName → product Name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // SKUCode → SKU Code
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9\u00c0-\u024f]+/)
    .filter((word) => word.length > 0);
}

/** Whether the header, split into words, contains any of the words (or, for CJK, any of the phrases). */
export function headerHas(name: string, words: readonly string[], phrases: readonly string[] = []): boolean {
  const split = headerWords(name);
  return words.some((word) => split.includes(word)) || phrases.some((phrase) => name.includes(phrase));
}

const ID_WORDS = ['id', 'ids', 'sku', 'skus', 'ean', 'upc', 'gtin', 'barcode', 'code', 'uuid', 'guid', 'ref', 'reference'];
const ID_PHRASES = ['编号', '货号', '款号', '条码', '编码', 'ID', '序号'];

/** Whether a header names an identifier ("id", "productId", "SKU", "style_code", "货号"). */
export function looksLikeIdName(name: string): boolean {
  return headerHas(name, ID_WORDS, ID_PHRASES);
}

/** Whether a header names a year ("year", "yr", "年份", "model_year"). */
export function looksLikeYearName(name: string): boolean {
  return headerHas(name, ['year', 'yr', 'years'], ['年份', '年度']) || name.trim() === '年';
}
