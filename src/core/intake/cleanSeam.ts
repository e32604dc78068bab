/**
 * The seam between intake and the cleaning library (`src/core/clean`). Intake calls only what is
 * exported here: the cell parsers come from the cleaning library; column type inference and role
 * guessing are small local stand-ins until the library's own versions land, so swapping them is a
 * change to this file alone.
 */
import { detectDateFormat, looksLikeDateName, makeDateParser, combineYearSeason, readSeasonName, type DateFormatDecision } from '../clean/date.ts';
import { detectNumberFormat, parseNumberCell, type NumberFormat } from '../clean/number.ts';
import { isMissing } from '../clean/missing.ts';
import { isCellProblem, type CellProblem, type Hemisphere, type NumericCell } from '../clean/types.ts';

export { combineYearSeason, detectDateFormat, detectNumberFormat, isCellProblem, isMissing, makeDateParser, parseNumberCell, readSeasonName };
export type { CellProblem, DateFormatDecision, Hemisphere, NumberFormat, NumericCell };

/** A column's inferred type (what its cells are). */
export type ColumnType = 'integer' | 'number' | 'date' | 'category' | 'text' | 'multi-label';

/** What a column means for Trendloom; the user confirms or changes it in the mapping step. */
export type ColumnRole =
  | 'text' | 'category' | 'materials' | 'colours' | 'styles' | 'date' | 'year' | 'season'
  | 'region' | 'gender' | 'units' | 'price' | 'id' | 'label' | 'ignore';

/** Every role, in the order the mapping step lists them. */
export const COLUMN_ROLES: readonly ColumnRole[] = ['text', 'category', 'materials', 'colours', 'styles', 'date', 'year', 'season', 'region', 'gender', 'units', 'price', 'id', 'label', 'ignore'];

/** The type of a column and what is needed to read its cells. */
export interface TypeGuess {
  /** The inferred type. */
  type: ColumnType;
  /** Number format (decimal separator) for integer/number columns. */
  numberFormat?: NumberFormat;
  /** Date reading decision for date columns. */
  dateDecision?: DateFormatDecision;
  /** Separator characters for multi-label columns. */
  separators?: string[];
}

const LABEL_SEPARATORS = ['|', ';'];

/**
 * Infers a column's type from a sample of its raw cells (strings). Numbers need 95% of the
 * non-missing cells to read as numbers, dates 90%; multi-label cells are short lists joined by
 * `|` or `;` (never the file's own delimiter); categories repeat, text does not.
 */
export function inferColumnType(name: string, samples: readonly string[], options: { delimiter?: string; hemisphere?: Hemisphere } = {}): TypeGuess {
  const present = samples.filter((cell) => !isMissing(cell));
  if (present.length === 0) return { type: 'text' };
  const numberFormat = detectNumberFormat(present);
  let numbers = 0;
  let integers = 0;
  for (const cell of present) {
    const value = parseNumberCell(cell, numberFormat);
    if (typeof value === 'number') {
      numbers++;
      if (Number.isInteger(value)) integers++;
    }
  }
  const dateDecision = detectDateFormat(present, { columnName: name, hemisphere: options.hemisphere });
  const dateShare = dateDecision.nonMissing > 0 ? dateDecision.matched / dateDecision.nonMissing : 0;
  if (numbers >= present.length * 0.95) {
    // Plain numbers are dates only as Excel serials in a date-named column.
    if (dateDecision.excelSerial && dateShare >= 0.9) return { type: 'date', dateDecision };
    return { type: integers === numbers ? 'integer' : 'number', numberFormat };
  }
  if (dateShare >= 0.9) return { type: 'date', dateDecision };

  const separators = LABEL_SEPARATORS.filter((s) => s !== options.delimiter);
  let listCells = 0;
  let tokenChars = 0;
  let tokens = 0;
  let chars = 0;
  for (const cell of present) {
    chars += cell.length;
    if (separators.some((s) => cell.includes(s))) {
      listCells++;
      for (const part of cell.split(new RegExp(`[${separators.map((s) => `\\${s}`).join('')}]`))) {
        const token = part.trim();
        if (token) {
          tokens++;
          tokenChars += token.length;
        }
      }
    }
  }
  if (listCells >= present.length * 0.2 && tokens > 0 && tokenChars / tokens <= 24 && chars / present.length <= 80) {
    return { type: 'multi-label', separators: separators.filter((s) => present.some((cell) => cell.includes(s))) };
  }
  const distinct = new Set(present.map((cell) => cell.trim())).size;
  const averageLength = chars / present.length;
  let words = 0;
  for (const cell of present) words += cell.trim().split(/\s+/).length;
  const averageWords = words / present.length;
  if (averageLength > 40) return { type: 'text' };
  // Values that repeat are categories; so are short labels ("Track Pants") in a small sample
  // where little can repeat yet. Longer, mostly distinct phrases are item text.
  if (distinct <= present.length * 0.5) return { type: 'category' };
  if (averageWords <= 2.5 && averageLength <= 25 && distinct < present.length * 0.9) return { type: 'category' };
  return { type: 'text' };
}

// Header words per role, English and Chinese; the first matching rule wins, so order matters
// ("product name" is text before "product" could be anything, "colour" before "category").
const ROLE_RULES: [ColumnRole, RegExp][] = [
  ['id', /^(id|sku|ean|upc|code|item[ _-]?(id|no|number|code)|product[ _-]?(id|code)|style[ _-]?(id|no|code)|article[ _-]?(id|no|number)|编号|货号|款号|商品编号|序号)$|[ _-]id$/i],
  ['year', /^(year|yr|年|年份|年度)$/i],
  ['season', /season|季节|季度|^季$/i],
  ['date', /date|time|day|timestamp|created|sold[ _-]?(at|on)|launch|release|period|month|week|日期|时间|月份|上市/i],
  ['colours', /colou?r|shade|颜色|色彩|色系|^色$/i],
  ['materials', /material|fabric|composition|textile|yarn|材质|面料|成分|材料/i],
  ['styles', /style|usage|occasion|aesthetic|look|vibe|风格|场合|款式/i],
  ['gender', /gender|sex|性别|男女/i],
  ['region', /region|country|market|city|store|location|territory|地区|区域|国家|城市|市场|门店/i],
  ['units', /units|qty|quantity|sales|sold|volume|demand|count|销量|数量|件数|销售/i],
  ['price', /price|cost|amount|revenue|msrp|rrp|价格|售价|金额|单价/i],
  ['text', /desc|description|name|title|text|product|details|summary|描述|名称|品名|标题|商品|说明|详情/i],
  ['category', /categor|type|class|group|department|family|segment|subcat|article|类别|品类|类目|分类|类型/i],
  ['label', /label|tag|标签/i],
];

/** Guesses a column's role from its header (English or Chinese), then from its type and cells. */
export function guessRole(name: string, type: ColumnType, samples: readonly string[]): ColumnRole {
  const header = name.trim();
  for (const [role, pattern] of ROLE_RULES) {
    if (!pattern.test(header)) continue;
    // A header match must fit the content: a "date" header over free text is not a date column.
    if (role === 'date' && type !== 'date' && !looksLikeDateName(header)) continue;
    if ((role === 'units' || role === 'price') && type !== 'integer' && type !== 'number') continue;
    if (role === 'year' && type !== 'integer' && type !== 'date') continue;
    if (role === 'text' && (type === 'integer' || type === 'number' || type === 'date')) continue;
    if (role === 'id' && type === 'text') return 'id';
    return role;
  }
  switch (type) {
    case 'date':
      return 'date';
    case 'text':
      return 'text';
    case 'multi-label':
      return 'label';
    case 'category': {
      const seasons = samples.filter((cell) => !isMissing(cell) && readSeasonName(cell) !== null).length;
      return seasons > samples.length * 0.8 ? 'season' : 'category';
    }
    default:
      return 'ignore';
  }
}

/** Reads a cell as a number in a column's format (the cleaning library's parser). */
export function numberReader(format: NumberFormat): (raw: string) => NumericCell {
  return (raw) => parseNumberCell(raw, format);
}
