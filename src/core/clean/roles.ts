/**
 * Role guessing: what each column means for Trendloom (the item text, its labels, its date…),
 * from the header (English or Chinese) and from the cells. The user confirms or changes every
 * guess in the mapping step, so each guess carries a confidence and a reason in plain words.
 *
 * A header match counts most; the cells confirm it or, when the header says nothing, decide
 * (colour words ⇒ colours, men/women ⇒ gender, long phrases ⇒ text, dates ⇒ date). A header role
 * that the cells contradict (a "price" column of words) is dropped. One column is chosen as the
 * item text when any fits, with a name or description column beside it when the file has both.
 */
import { colourSwatch } from '../palette/colours.ts';
import { looksLikeDateName, readSeasonName } from './date.ts';
import type { ColumnInference } from './infer.ts';
import { splitLabels } from './labels.ts';
import { isMissing } from './missing.ts';
import { headerWords, looksLikeIdName, looksLikeYearName } from './names.ts';

/** What a column means for Trendloom. */
export type Role =
  | 'text' | 'category' | 'materials' | 'colours' | 'styles' | 'date' | 'year' | 'season'
  | 'region' | 'gender' | 'units' | 'price' | 'id' | 'label' | 'ignore';

/** Every role, in the order a mapping step lists them. */
export const ROLES: readonly Role[] = [
  'text', 'category', 'materials', 'colours', 'styles', 'date', 'year', 'season', 'region', 'gender', 'units', 'price', 'id', 'label', 'ignore',
];

/** A column as role guessing sees it: header, a sample of raw cells and its inferred type. */
export interface RoleColumn {
  /** The header as written. */
  readonly name: string;
  /** Raw sample cells. */
  readonly samples: readonly string[];
  /** The column's inferred type (from `inferColumnType`). */
  readonly inference: ColumnInference;
}

/** The guessed role of one column. */
export interface RoleGuess {
  /** The column's header. */
  readonly column: string;
  /** The best role. */
  readonly role: Role;
  /** How sure the guess is, 0–1. */
  readonly confidence: number;
  /** Why, in plain words ("the header says colour and the cells are colour names"). */
  readonly reason: string;
}

/** Where the file's time comes from: a date column, year + season columns, a year column, or nowhere. */
export type TimeSource =
  | { readonly kind: 'date'; readonly column: string }
  | { readonly kind: 'year-season'; readonly year: string; readonly season: string }
  | { readonly kind: 'year'; readonly column: string }
  | { readonly kind: 'none' };

/** Roles for a whole file: one guess per column (in order), the chosen item text, the time source and messages. */
export interface RoleMapping {
  /** One guess per column, in the file's column order. */
  readonly columns: readonly RoleGuess[];
  /** The header of the main column describing the items, or null when none fits (a name or description beside it is also mapped as text). */
  readonly textColumn: string | null;
  /** Where dates come from, for trends and forecasts. */
  readonly time: TimeSource;
  /** Plain-language messages for the user (no text column, no dates…). */
  readonly messages: readonly string[];
}

/** The message shown when no column can be the item text. */
export const NO_TEXT_COLUMN_MESSAGE =
  'We could not find a column describing the items (a name or a description). Choose one in the mapping step; ' +
  'without it the items cannot be labelled.';
/** The message shown when the file has no dates. */
export const NO_DATE_MESSAGE =
  'We found no dates in this file (no date column, and no year with a season), so there will be no trends over time ' +
  'or forecasts. Labelling the items still works.';

// Header vocabulary per role. Checked in this order, so specific roles come before the catch-all
// ones: "unit price" is a price before "unit" could say units, "colour name" a colour before
// "name" could say text.
const NAME_RULES: readonly { role: Role; words: readonly string[]; phrases: readonly string[] }[] = [
  { role: 'ignore', words: ['url', 'urls', 'link', 'links', 'image', 'images', 'img', 'photo', 'picture', 'thumbnail', 'path', 'file', 'filename', 'href'], phrases: ['图片', '链接', '网址'] },
  { role: 'price', words: ['price', 'prices', 'cost', 'msrp', 'rrp', 'mrp', 'retail', 'amount', 'revenue'], phrases: ['价格', '售价', '单价', '金额', '销售额', '价'] },
  { role: 'units', words: ['units', 'unit', 'qty', 'quantity', 'quantities', 'sales', 'sold', 'volume', 'demand', 'count', 'orders', 'pieces', 'pcs'], phrases: ['销量', '数量', '件数', '销售'] },
  { role: 'year', words: [], phrases: [] }, // by looksLikeYearName
  { role: 'date', words: [], phrases: [] }, // by looksLikeDateName ("季度", a quarter, before "季", a season)
  { role: 'season', words: ['season', 'seasons'], phrases: ['季节', '季'] },
  { role: 'gender', words: ['gender', 'sex', 'genders'], phrases: ['性别'] },
  { role: 'colours', words: ['colour', 'color', 'colours', 'colors', 'colourway', 'colorway', 'shade'], phrases: ['颜色', '色彩', '色系', '配色'] },
  { role: 'materials', words: ['material', 'materials', 'fabric', 'fabrics', 'composition', 'fibre', 'fiber', 'fibres', 'fibers', 'textile'], phrases: ['材质', '面料', '材料', '成分'] },
  { role: 'styles', words: ['style', 'styles', 'usage', 'occasion', 'occasions', 'aesthetic', 'look', 'vibe', 'mood'], phrases: ['风格', '场合', '用途'] },
  { role: 'region', words: ['region', 'regions', 'market', 'markets', 'country', 'countries', 'city', 'area', 'location', 'geo', 'territory', 'store', 'continent'], phrases: ['地区', '区域', '国家', '市场', '城市', '门店'] },
  { role: 'text', words: ['description', 'desc', 'descr', 'title', 'name', 'text', 'details', 'summary', 'caption'], phrases: ['描述', '名称', '商品名', '品名', '标题', '说明', '详情'] },
  { role: 'category', words: ['category', 'categories', 'cat', 'type', 'class', 'department', 'dept', 'family', 'segment', 'subcategory', 'group', 'kind'], phrases: ['类别', '品类', '类目', '分类', '类型'] },
  { role: 'label', words: ['label', 'labels', 'tag', 'tags', 'brand', 'pattern', 'fit', 'trend', 'attribute', 'attributes', 'collection', 'print'], phrases: ['标签', '品牌', '图案'] },
  // Last, so "product type" is a category and "product id" an id: a bare "product" or "item" is the item itself.
  { role: 'text', words: ['product', 'item', 'article', 'goods'], phrases: ['商品', '产品'] },
];
const TEXT_WORDS = ['name', 'title', 'description', 'desc'];

/** The role a header names, or null: `productDisplayName` → text, `baseColour` → colours, `销量` → units. */
export function roleFromHeader(name: string): Role | null {
  const words = headerWords(name);
  // "sku_name" is the item's name, not its code.
  if (looksLikeIdName(name) && !TEXT_WORDS.some((w) => words.includes(w)) && !name.includes('名称')) return 'id';
  for (const rule of NAME_RULES) {
    if (rule.role === 'year' && looksLikeYearName(name)) return 'year';
    if (rule.role === 'date' && looksLikeDateName(name) && !words.includes('season')) return 'date';
    if (rule.words.some((w) => words.includes(w)) || rule.phrases.some((p) => name.includes(p))) return rule.role;
  }
  return null;
}

// Cell vocabularies for content rules (lower case).
const GENDER_WORDS = new Set([
  'men', 'women', 'man', 'woman', 'male', 'female', 'unisex', 'boys', 'girls', 'boy', 'girl', 'kids', 'children', 'baby',
  'mens', "men's", 'womens', "women's", 'ladies', 'm', 'f', 'u', '男', '女', '男士', '女士', '男装', '女装', '中性', '男童', '女童', '童装', '儿童',
]);
const MATERIAL_WORDS = [
  'cotton', 'polyester', 'wool', 'silk', 'linen', 'denim', 'leather', 'viscose', 'rayon', 'nylon', 'cashmere', 'elastane',
  'spandex', 'lycra', 'acrylic', 'suede', 'modal', 'lyocell', 'tencel', 'jersey', 'fleece', 'velvet', 'satin', 'chiffon',
  'canvas', 'rubber', 'mesh', 'corduroy', 'tweed', 'hemp', 'bamboo', 'mohair', 'alpaca', 'merino',
  '棉', '涤纶', '羊毛', '真丝', '丝', '亚麻', '麻', '牛仔', '皮', '粘胶', '锦纶', '尼龙', '羊绒', '氨纶', '腈纶', '雪纺', '天丝',
];
const STYLE_WORDS = new Set([
  'casual', 'formal', 'sports', 'sport', 'sporty', 'ethnic', 'smart casual', 'party', 'travel', 'home', 'minimal', 'minimalist',
  'boho', 'bohemian', 'streetwear', 'street', 'vintage', 'retro', 'classic', 'elegant', 'preppy', 'athleisure', 'grunge',
  'romantic', 'business', 'workwear', 'office', 'evening', 'beach', 'outdoor', 'punk', 'glam', 'y2k', 'chic', 'lounge',
  '休闲', '正装', '运动', '民族', '派对', '通勤', '简约', '复古', '街头', '优雅', '商务', '度假', '甜美', '学院',
]);
const REGION_WORDS = new Set([
  'us', 'usa', 'united states', 'uk', 'united kingdom', 'eu', 'europe', 'asia', 'china', 'india', 'japan', 'korea', 'france',
  'germany', 'italy', 'spain', 'brazil', 'canada', 'mexico', 'australia', 'north america', 'south america', 'africa',
  'middle east', 'apac', 'emea', 'latam', 'amer', 'cn', 'jp', 'br', 'de', 'fr', 'it', 'es', 'in', 'au',
  'north', 'south', 'east', 'west', 'central', 'online', '中国', '美国', '日本', '欧洲', '亚洲', '华东', '华南', '华北', '华中', '西南', '西北', '东北',
]);
const COLOUR_MODIFIERS = new Set(['light', 'dark', 'pale', 'deep', 'bright', 'pastel', 'neon', 'dusty', 'soft', 'hot', 'royal', '浅', '深']);

function isColourName(value: string): boolean {
  if (colourSwatch(value)) return true;
  const words = value.toLowerCase().split(/[\s\-_/]+/).filter((w) => w && !COLOUR_MODIFIERS.has(w));
  if (words.length > 0 && words.length <= 3 && words.every((w) => colourSwatch(w))) return true;
  // Chinese: a modifier before a colour ("浅蓝色").
  return /^[浅深亮暗淡]/.test(value) && colourSwatch(value.slice(1)) !== undefined;
}

/** Share of a column's non-missing values (or labels, for lists) that satisfy the test. */
function shareOf(column: RoleColumn, test: (value: string) => boolean): number {
  let total = 0;
  let hits = 0;
  const separator = column.inference.labelSeparator ?? null;
  for (const raw of column.samples) {
    const labels = splitLabels(raw, separator);
    if (!labels) continue;
    for (const label of labels) {
      total++;
      if (test(label)) hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}

/** The role the cells suggest, with a strength 0–1 and a reason, or null when they say nothing. */
function roleFromCells(column: RoleColumn): { role: Role; strength: number; reason: string } | null {
  const { inference } = column;
  switch (inference.type) {
    case 'id':
      return { role: 'id', strength: 0.6, reason: 'the cells are unique codes' };
    case 'date': {
      const format = inference.dateFormat;
      if (format?.granularity === 'year' && format.formats[0] === 'year') return { role: 'year', strength: 0.6, reason: 'the cells are years' };
      return { role: 'date', strength: 0.7, reason: 'the cells are dates' };
    }
    case 'text':
      return { role: 'text', strength: 0.6, reason: 'the cells are phrases of several words' };
    case 'number':
    case 'boolean':
      return null;
    default:
      break;
  }
  const checks: [Role, number, (v: string) => boolean, string][] = [
    ['gender', 0.8, (v) => GENDER_WORDS.has(v), 'the cells are men/women/unisex'],
    ['colours', 0.6, isColourName, 'the cells are colour names'],
    ['season', 0.8, (v) => readSeasonName(v) !== null, 'the cells are season names'],
    ['materials', 0.5, (v) => MATERIAL_WORDS.some((m) => v.includes(m)), 'the cells name materials'],
    ['styles', 0.6, (v) => STYLE_WORDS.has(v), 'the cells are style words'],
    ['region', 0.7, (v) => REGION_WORDS.has(v), 'the cells are places'],
  ];
  for (const [role, threshold, test, reason] of checks) {
    const share = shareOf(column, test);
    if (share >= threshold) return { role, strength: 0.4 + 0.3 * share, reason };
  }
  return null;
}

/** Whether the cells' type can hold the role at all ("price" needs numbers, "text" needs words). */
function typeFits(role: Role, column: RoleColumn): boolean {
  const type = column.inference.type;
  switch (role) {
    case 'units':
    case 'price':
      return type === 'number';
    case 'date':
      return type === 'date';
    case 'year':
      return type === 'date' || (type === 'number' && column.inference.numberKind === 'integer');
    case 'text':
      return type === 'text' || type === 'category' || type === 'multi-label';
    case 'id':
      return type !== 'date' && type !== 'boolean';
    case 'ignore':
      return true;
    default:
      return type !== 'number' && type !== 'date';
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Guesses one column's role from its header and cells, without looking at the other columns. */
export function guessColumnRole(column: RoleColumn): RoleGuess {
  const byName = roleFromHeader(column.name);
  const nameFits = byName !== null && typeFits(byName, column);
  const byCells = roleFromCells(column);
  const header = `the header '${column.name}'`;
  if (nameFits && byCells && byCells.role === byName) {
    return { column: column.name, role: byName, confidence: round2(Math.min(1, 0.5 + byCells.strength)), reason: `${header} says so and ${byCells.reason}` };
  }
  // Strong cell evidence (men/women, colour words) beats a header naming a generic role.
  if (nameFits && byCells && byCells.strength >= 0.65 && (byName === 'category' || byName === 'label' || byName === 'text')) {
    return { column: column.name, role: byCells.role, confidence: round2(byCells.strength), reason: byCells.reason };
  }
  if (nameFits) {
    return { column: column.name, role: byName, confidence: byName === 'ignore' ? 0.6 : 0.8, reason: `${header} says so` };
  }
  if (byCells) return { column: column.name, role: byCells.role, confidence: round2(byCells.strength), reason: byCells.reason };
  const type = column.inference.type;
  if (type === 'category' || type === 'multi-label' || type === 'boolean') {
    return { column: column.name, role: 'label', confidence: 0.4, reason: 'short values that repeat, with no clearer meaning' };
  }
  if (type === 'number') return { column: column.name, role: 'ignore', confidence: 0.3, reason: 'numbers whose meaning the header does not tell' };
  return { column: column.name, role: 'ignore', confidence: 0.3, reason: 'nothing in the header or the cells says what it is' };
}

/** Header words that say a text column is a description rather than a name. */
const DESCRIPTION_HEADER = /(desc|detail|summary|about|long|描述|详情|说明|介绍)/i;

/** Whether a text column reads as a description (its header says so, or its cells are long) rather than a name. */
function looksLikeDescription(name: string, samples: readonly string[]): boolean {
  return DESCRIPTION_HEADER.test(name) || meanLength(samples) > 60;
}

function meanLength(samples: readonly string[]): number {
  const present = samples.filter((s) => !isMissing(s));
  return present.length === 0 ? 0 : present.reduce((sum, s) => sum + s.trim().length, 0) / present.length;
}

/**
 * Guesses every column's role and settles the file-level choices: the item text (the most
 * confident column, longer cells breaking ties, plus a name or description column beside it so
 * both are read), where time comes from (a date column, else year +
 * season, else a year), and messages when there is no text column or no date.
 */
export function guessRoles(columns: readonly RoleColumn[]): RoleMapping {
  const guesses = columns.map(guessColumnRole);
  const messages: string[] = [];

  // One item text: the best text candidate stays, the others become labels or are ignored.
  const textCandidates = guesses
    .map((guess, index) => ({ guess, index }))
    .filter(({ guess }) => guess.role === 'text')
    .sort((a, b) => b.guess.confidence - a.guess.confidence || meanLength(columns[b.index]!.samples) - meanLength(columns[a.index]!.samples));
  let chosen = textCandidates[0];
  if (!chosen) {
    // No header or cell says "item text": take the longest free text, if any, rather than none.
    const fallback = columns
      .map((column, index) => ({ column, index }))
      .filter(({ column, index }) => column.inference.type === 'text' && guesses[index]!.role !== 'id')
      .sort((a, b) => meanLength(b.column.samples) - meanLength(a.column.samples))[0];
    if (fallback) {
      const guess: RoleGuess = {
        column: fallback.column.name,
        role: 'text',
        confidence: 0.5,
        reason: 'the longest free text in the file; no header names the item text',
      };
      guesses[fallback.index] = guess;
      chosen = { guess, index: fallback.index };
    }
  }
  // A name and a description together describe an item best (the model reads `<name> Details:
  // <description>`): the best candidate of the other kind stays item text beside the chosen one.
  const chosenIsDescription = chosen ? looksLikeDescription(chosen.guess.column, columns[chosen.index]!.samples) : false;
  const partner = textCandidates.slice(1).find(({ index }) => looksLikeDescription(columns[index]!.name, columns[index]!.samples) !== chosenIsDescription);
  for (const { index } of textCandidates.slice(1)) {
    const column = columns[index]!;
    if (partner && index === partner.index) {
      const kind = chosenIsDescription ? 'name' : 'description';
      guesses[index] = { ...guesses[index]!, reason: `${guesses[index]!.reason}; read as the item's ${kind}, together with '${chosen!.guess.column}'` };
      continue;
    }
    const role: Role = column.inference.type === 'category' ? 'label' : 'ignore';
    guesses[index] = { column: column.name, role, confidence: 0.4, reason: `'${chosen!.guess.column}' describes the items better` };
  }
  if (!chosen) messages.push(NO_TEXT_COLUMN_MESSAGE);

  // Time: the most confident date column, else year + season, else year alone.
  const best = (role: Role) =>
    guesses.filter((g) => g.role === role).sort((a, b) => b.confidence - a.confidence)[0]?.column;
  const dateColumn = best('date');
  const yearColumn = best('year');
  const seasonColumn = best('season');
  let time: TimeSource;
  // Compared with undefined: a column with an empty header ('') is still a column.
  if (dateColumn !== undefined) time = { kind: 'date', column: dateColumn };
  else if (yearColumn !== undefined && seasonColumn !== undefined) time = { kind: 'year-season', year: yearColumn, season: seasonColumn };
  else if (yearColumn !== undefined) time = { kind: 'year', column: yearColumn };
  else {
    time = { kind: 'none' };
    messages.push(NO_DATE_MESSAGE);
  }
  return { columns: guesses, textColumn: chosen ? chosen.guess.column : null, time, messages };
}
