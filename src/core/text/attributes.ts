/**
 * Materials, colours and patterns named in an item's own words ("Linen-blend shirt, 100% cotton
 * lining", "酒红色羊绒毛衣") — for catalogues whose descriptions say what a materials or colour
 * column would, when the file has no such column (issue 17, item 8).
 *
 * English words match whole words only: "silky" is no silk (it describes a feel, not the fibre),
 * "cottontail" no cotton, "golden" no gold, "lace-up" and "laces" no lace; plurals ("wools",
 * "stripes"), hyphens and spaces ("linen-blend", "tie dye", "polka-dot") and numbers ("100%
 * cotton") are fine. Chinese words are matched as written (Chinese has no spaces), longest first,
 * and only words that name the thing itself: 红色, 酒红 and 大红 are red, but a bare 红 is not (网红
 * is "influencer"), 棉 is cotton but 棉服 is a padded coat. Each find maps to one canonical English
 * name with a Chinese display name.
 */
import type { LabelCodes } from '../dashboard/cube.ts';

/** What an attribute says about an item. */
export type AttributeKind = 'materials' | 'colours' | 'patterns';

/** The kinds, in the order they are offered. */
export const ATTRIBUTE_KINDS: readonly AttributeKind[] = ['materials', 'colours', 'patterns'];

/** One word of the vocabulary: its canonical English name, Chinese name, and the words that name it. */
export interface AttributeTerm {
  /** What it says. */
  readonly kind: AttributeKind;
  /** The canonical English name ("linen"). */
  readonly name: string;
  /** Its name in Chinese ("亚麻"). */
  readonly zh: string;
  /** English words and phrases for it (lowercase; a space stands for a space, a hyphen or nothing). */
  readonly en: readonly string[];
  /** Chinese words for it, as written. */
  readonly zhWords: readonly string[];
}

// [name, zh, English words, Chinese words]
type Row = [string, string, string[], string[]];

const MATERIALS: Row[] = [
  ['cotton', '棉', ['cotton', 'organic cotton'], ['棉', '纯棉', '棉质', '全棉', '精梳棉', '有机棉', '棉布']],
  ['linen', '亚麻', ['linen', 'flax'], ['亚麻', '麻料', '苎麻']],
  ['wool', '羊毛', ['wool', 'merino', 'lambswool', 'virgin wool'], ['羊毛', '美利奴', '毛呢', '呢料']],
  ['cashmere', '羊绒', ['cashmere'], ['羊绒', '山羊绒']],
  ['silk', '真丝', ['silk', 'mulberry silk'], ['真丝', '丝绸', '桑蚕丝']],
  ['suede', '麂皮', ['suede', 'nubuck'], ['麂皮', '翻毛皮', '绒面革']],
  ['leather', '皮革', ['leather', 'calfskin', 'lambskin', 'cowhide', 'nappa'], ['皮革', '真皮', '牛皮', '羊皮', '头层皮']],
  ['faux leather', '人造革', ['faux leather', 'vegan leather', 'pu leather', 'leatherette'], ['人造革', '仿皮']],
  ['denim', '牛仔布', ['denim', 'chambray'], ['牛仔']],
  ['polyester', '涤纶', ['polyester'], ['涤纶', '聚酯纤维']],
  ['nylon', '尼龙', ['nylon', 'polyamide'], ['尼龙', '锦纶']],
  ['viscose', '粘胶', ['viscose', 'rayon'], ['粘胶', '黏胶', '人造丝']],
  ['lyocell', '天丝', ['lyocell', 'tencel'], ['天丝', '莱赛尔']],
  ['modal', '莫代尔', ['modal'], ['莫代尔']],
  ['elastane', '氨纶', ['elastane', 'spandex', 'lycra'], ['氨纶', '莱卡']],
  ['acrylic', '腈纶', ['acrylic'], ['腈纶']],
  ['velvet', '丝绒', ['velvet', 'velour'], ['丝绒', '天鹅绒']],
  ['corduroy', '灯芯绒', ['corduroy'], ['灯芯绒']],
  ['satin', '缎面', ['satin'], ['缎面', '绸缎', '色丁']],
  ['chiffon', '雪纺', ['chiffon'], ['雪纺']],
  ['lace', '蕾丝', ['lace'], ['蕾丝']],
  ['fleece', '抓绒', ['fleece', 'sherpa'], ['抓绒', '摇粒绒', '羊羔绒']],
  ['mohair', '马海毛', ['mohair'], ['马海毛']],
  ['alpaca', '羊驼毛', ['alpaca'], ['羊驼毛']],
  ['tweed', '粗花呢', ['tweed', 'boucle'], ['粗花呢', '小香风']],
  ['canvas', '帆布', ['canvas'], ['帆布']],
  ['down', '羽绒', ['goose down', 'duck down', 'down filled'], ['羽绒', '鹅绒', '鸭绒']],
  ['hemp', '汉麻', ['hemp'], ['汉麻', '大麻纤维']],
];

const COLOURS: Row[] = [
  ['black', '黑色', ['black', 'jet black'], ['黑色', '纯黑', '墨黑']],
  ['white', '白色', ['white', 'optic white'], ['白色', '纯白', '本白']],
  ['cream', '米白', ['cream', 'ivory', 'off white', 'ecru'], ['米白', '奶白', '象牙白', '乳白']],
  ['grey', '灰色', ['grey', 'gray', 'charcoal', 'heather grey'], ['灰色', '深灰', '浅灰', '烟灰', '炭灰']],
  ['beige', '米色', ['beige', 'oatmeal', 'sand', 'nude'], ['米色', '杏色', '燕麦色', '裸色']],
  ['camel', '驼色', ['camel'], ['驼色']],
  ['khaki', '卡其色', ['khaki'], ['卡其']],
  ['brown', '棕色', ['brown', 'chocolate', 'coffee', 'mocha'], ['棕色', '咖啡色', '咖色', '褐色', '巧克力色']],
  ['red', '红色', ['red', 'scarlet', 'crimson'], ['红色', '大红', '正红']],
  ['burgundy', '酒红色', ['burgundy', 'maroon', 'wine red', 'bordeaux'], ['酒红', '枣红', '勃艮第红']],
  ['pink', '粉色', ['pink', 'blush', 'rose pink', 'fuchsia'], ['粉色', '粉红', '玫红', '桃粉']],
  ['orange', '橙色', ['orange', 'rust', 'coral'], ['橙色', '橘色', '桔色', '铁锈红', '珊瑚色']],
  ['yellow', '黄色', ['yellow', 'mustard', 'lemon'], ['黄色', '姜黄', '芥末黄', '柠檬黄', '明黄']],
  ['green', '绿色', ['green', 'emerald', 'mint', 'sage'], ['绿色', '墨绿', '薄荷绿', '翠绿', '浅绿']],
  ['olive', '橄榄绿', ['olive', 'army green', 'olive green'], ['橄榄绿', '军绿']],
  ['blue', '蓝色', ['blue', 'sky blue', 'light blue', 'royal blue', 'cobalt'], ['蓝色', '天蓝', '浅蓝', '宝蓝', '湖蓝', '深蓝']],
  ['navy', '藏青色', ['navy', 'navy blue', 'midnight blue'], ['藏青', '藏蓝', '海军蓝']],
  ['teal', '蓝绿色', ['teal', 'turquoise'], ['蓝绿色', '孔雀蓝', '青绿色']],
  ['purple', '紫色', ['purple', 'lilac', 'lavender', 'violet', 'plum'], ['紫色', '香芋紫', '薰衣草紫', '淡紫']],
  ['gold', '金色', ['gold'], ['金色']],
  ['silver', '银色', ['silver', 'metallic silver'], ['银色']],
];

const PATTERNS: Row[] = [
  ['striped', '条纹', ['striped', 'stripe', 'pinstripe', 'pinstriped', 'breton'], ['条纹', '竖条', '横条', '细条纹']],
  ['floral', '碎花', ['floral', 'flower print', 'flowers', 'ditsy'], ['碎花', '花卉', '小花']],
  ['printed', '印花', ['print', 'printed', 'graphic'], ['印花', '图案']],
  ['plaid', '格纹', ['plaid', 'check', 'checked', 'checkered', 'tartan', 'gingham'], ['格纹', '格子', '苏格兰格']],
  ['houndstooth', '千鸟格', ['houndstooth', 'dogtooth'], ['千鸟格']],
  ['polka dot', '波点', ['polka dot', 'polka dots', 'polka dotted', 'dotted', 'spotted'], ['波点', '圆点']],
  ['solid', '纯色', ['solid', 'solid colour', 'solid color', 'plain coloured', 'plain colored'], ['纯色', '素色']],
  ['animal print', '动物纹', ['animal print', 'leopard', 'leopard print', 'zebra', 'zebra print', 'snake print', 'snakeskin'], ['豹纹', '斑马纹', '蛇纹', '动物纹']],
  ['camouflage', '迷彩', ['camouflage', 'camo'], ['迷彩']],
  ['paisley', '佩斯利', ['paisley'], ['佩斯利', '腰果花']],
  ['tie-dye', '扎染', ['tie dye', 'tie dyed'], ['扎染']],
  ['colour block', '撞色', ['colour block', 'color block', 'colour blocked', 'color blocked'], ['撞色', '拼色']],
  ['embroidered', '刺绣', ['embroidered', 'embroidery'], ['刺绣']],
];

/** The whole vocabulary: materials, colours and patterns, each with its English and Chinese words. */
export const ATTRIBUTE_TERMS: readonly AttributeTerm[] = [
  ...MATERIALS.map(([name, zh, en, zhWords]): AttributeTerm => ({ kind: 'materials', name, zh, en, zhWords })),
  ...COLOURS.map(([name, zh, en, zhWords]): AttributeTerm => ({ kind: 'colours', name, zh, en, zhWords })),
  ...PATTERNS.map(([name, zh, en, zhWords]): AttributeTerm => ({ kind: 'patterns', name, zh, en, zhWords })),
];

// Words after which a word is no find: "lace-up" shoes.
const NOT_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = { lace: new Set(['up', 'ups']) };
// Words without a plural in the vocabulary's sense ("laces" are shoelaces; "prints" are prints).
const NO_PLURAL = new Set(['lace']);

// Chinese words that hold a word of the vocabulary but name something else (棉服 is a padded coat
// of any fibre): found first, as they are longer, and then dropped.
const ZH_NOT: readonly string[] = ['棉服', '棉衣', '棉袄', '棉鞋', '棉拖', '棉被', '棉签', '棉花糖'];

// English: lookup by a phrase's words joined without spaces or hyphens ("tie dye" → "tiedye"),
// lowercased; a phrase has at most ENGLISH_MAX_WORDS words. Chinese: lookup as written (null marks
// a word of ZH_NOT); no word is longer than CHINESE_MAX_CHARS.
const english = new Map<string, AttributeTerm>();
const chinese = new Map<string, AttributeTerm | null>();
let ENGLISH_MAX_WORDS = 1;
let CHINESE_MAX_CHARS = 1;
for (const term of ATTRIBUTE_TERMS) {
  for (const word of term.en) {
    const parts = word.split(/[\s-]+/);
    ENGLISH_MAX_WORDS = Math.max(ENGLISH_MAX_WORDS, parts.length);
    english.set(parts.join(''), term);
  }
  for (const word of term.zhWords) {
    CHINESE_MAX_CHARS = Math.max(CHINESE_MAX_CHARS, word.length);
    chinese.set(word, term);
  }
}
for (const word of ZH_NOT) chinese.set(word, null);
// Quick refusals: the words a phrase can start with (and whole joined phrases, "tiedye"), and the
// characters a Chinese word can start with; most words and characters of a text are neither.
const englishFirst = new Set<string>();
for (const term of ATTRIBUTE_TERMS) for (const word of term.en) englishFirst.add(word.split(/[\s-]+/)[0]!), englishFirst.add(word.replace(/[\s-]+/g, ''));
const chineseFirst = new Set([...chinese.keys()].map((word) => word.charCodeAt(0)));
const mayStart = (word: string) => englishFirst.has(word) || (word.endsWith('s') && (englishFirst.has(word.slice(0, -1)) || (word.endsWith('es') && englishFirst.has(word.slice(0, -2)))));

/** The term an English word (or joined phrase) names, taking plurals off: "stripes" → striped, "wools" → wool. */
function englishTerm(key: string): AttributeTerm | undefined {
  const exact = english.get(key);
  if (exact) return exact;
  if (!key.endsWith('s')) return undefined;
  const plural = (stem: string) => {
    const term = english.get(stem);
    return term && !NO_PLURAL.has(stem) ? term : undefined;
  };
  return plural(key.slice(0, -1)) ?? (key.endsWith('es') ? plural(key.slice(0, -2)) : undefined);
}

// Runs of Latin letters and digits (English words) and runs of Chinese characters.
const TOKEN = /[a-z0-9\u00e0-\u024f]+|[\u3400-\u9fff\uf900-\ufaff]+/g;

/** What one text names: canonical English names per kind, each once, in the order they appear. */
export interface FoundAttributes {
  /** Materials ("linen", "cotton"). */
  materials: string[];
  /** Colours ("navy", "burgundy"). */
  colours: string[];
  /** Patterns ("striped", "floral"). */
  patterns: string[];
}

/**
 * Calls `found` with each term named in `text`, in order (a term named twice is called twice).
 * English: whole words, the longest phrase first (so "navy blue" is navy, not navy and blue, and
 * "leopard print" an animal print, not a print). Chinese: at each character the longest word of
 * the vocabulary that starts there (酒红 burgundy before 红色 red).
 */
function eachTerm(text: string, found: (term: AttributeTerm) => void): void {
  const lower = text.toLowerCase();
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    const word = m[0];
    if (word.charCodeAt(0) >= 0x3400) {
      // A run of Chinese characters: the longest word at each character that can start one.
      for (let at = 0; at < word.length; ) {
        let step = 1;
        if (chineseFirst.has(word.charCodeAt(at))) {
          for (let length = Math.min(CHINESE_MAX_CHARS, word.length - at); length >= 1; length--) {
            const term = chinese.get(word.substr(at, length));
            if (term === undefined) continue;
            if (term) found(term);
            step = length;
            break;
          }
        }
        at += step;
      }
      continue;
    }
    if (!mayStart(word)) continue;
    // English: the longest phrase of up to ENGLISH_MAX_WORDS words joined by spaces or hyphens.
    let key = word;
    let best = englishTerm(key);
    let bestEnd = m.index + word.length;
    let at = bestEnd;
    for (let k = 1; k < ENGLISH_MAX_WORDS; k++) {
      const next = nextWord(lower, at);
      if (!next) break;
      key += next.word;
      at = next.end;
      const term = englishTerm(key);
      if (term) (best = term), (bestEnd = at);
    }
    if (!best) continue;
    TOKEN.lastIndex = bestEnd;
    const veto = NOT_BEFORE[best.name];
    const after = veto ? nextWord(lower, bestEnd) : undefined;
    if (after && veto!.has(after.word)) continue;
    found(best);
  }
}

/** The Latin word that follows `from` after nothing but spaces and hyphens (one phrase with the word before), if any. */
function nextWord(text: string, from: number): { word: string; end: number } | undefined {
  let start = from;
  while (start < text.length && isJoiner(text.charCodeAt(start))) start++;
  if (start === from) return undefined;
  let end = start;
  while (end < text.length && isLatin(text.charCodeAt(end))) end++;
  return end > start ? { word: text.slice(start, end), end } : undefined;
}

/** Spaces and hyphens: what may stand between the words of one phrase. */
function isJoiner(c: number): boolean {
  return c === 32 || c === 45 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** A lowercase Latin letter or digit (what TOKEN takes into an English word). */
function isLatin(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xe0 && c <= 0x24f);
}

/**
 * The materials, colours and patterns an item's text names ("Linen-blend striped shirt in navy"
 * → linen; navy; striped). Empty lists for an empty text or one that names none.
 */
export function findAttributes(text: string): FoundAttributes {
  const out: FoundAttributes = { materials: [], colours: [], patterns: [] };
  if (!text) return out;
  eachTerm(text, (term) => {
    const list = out[term.kind];
    if (!list.includes(term.name)) list.push(term.name);
  });
  return out;
}

/** The Chinese name of a canonical name of the vocabulary ("linen" → 亚麻), or undefined for another value. */
export function attributeNameZh(kind: AttributeKind, name: string): string | undefined {
  return ATTRIBUTE_TERMS.find((t) => t.kind === kind && t.name === name)?.zh;
}

/** One kind of attribute for every item, coded for counting (as a multi-label column is). */
export interface AttributeColumn {
  /** The finds of each item (an item may name several, or none). */
  labels: LabelCodes & { kind: 'multi' };
  /** Canonical English name of each code. */
  values: string[];
  /** Items that name at least one. */
  itemsWithAny: number;
}

/**
 * Finds the attributes of `count` items (`textOf(row)` gives an item's text, e.g. its name and
 * description joined) and codes them per kind, ready for the counting cube, a slice of rows at a
 * time: `advance(rows)` reads the next `rows` items and says whether all are read; `result()`
 * reads any left and gives the columns. So a page can find them between frames, and a caller that
 * needs them at once still gets them. Codes follow the order values are first met.
 */
export function attributeExtractor(count: number, textOf: (row: number) => string): { advance(rows: number): boolean; readonly done: number; result(): Record<AttributeKind, AttributeColumn> } {
  const kinds = ATTRIBUTE_KINDS;
  const index: Record<AttributeKind, number> = { materials: 0, colours: 1, patterns: 2 };
  const state = kinds.map(() => ({ offsets: new Int32Array(count + 1), codes: [] as number[], values: [] as string[], codeOf: new Map<AttributeTerm, number>(), itemsWithAny: 0 }));
  // The codes the current item has named so far, per kind (an item names few).
  const named: number[][] = kinds.map(() => []);
  const onTerm = (term: AttributeTerm) => {
    const k = index[term.kind];
    const s = state[k]!;
    let code = s.codeOf.get(term);
    if (code === undefined) {
      code = s.values.length;
      s.values.push(term.name);
      s.codeOf.set(term, code);
    }
    if (!named[k]!.includes(code)) (named[k]!.push(code), s.codes.push(code));
  };
  let row = 0;
  let result: Record<AttributeKind, AttributeColumn> | undefined;
  const advance = (rows: number) => {
    const end = Math.min(count, row + Math.max(1, rows));
    for (; row < end; row++) {
      const text = textOf(row);
      if (text) eachTerm(text, onTerm);
      for (let k = 0; k < kinds.length; k++) {
        const s = state[k]!;
        if (named[k]!.length > 0) (s.itemsWithAny++, (named[k]!.length = 0));
        s.offsets[row + 1] = s.codes.length;
      }
    }
    return row >= count;
  };
  return {
    advance,
    get done() {
      return row;
    },
    result() {
      if (result) return result;
      advance(count - row);
      result = {} as Record<AttributeKind, AttributeColumn>;
      kinds.forEach((kind, k) => {
        const s = state[k]!;
        result![kind] = { labels: { kind: 'multi', offsets: s.offsets, codes: Int32Array.from(s.codes) }, values: s.values, itemsWithAny: s.itemsWithAny };
      });
      return result;
    },
  };
}

/** All of `attributeExtractor` at once: the attributes of `count` items, coded per kind. */
export function extractAttributeColumns(count: number, textOf: (row: number) => string): Record<AttributeKind, AttributeColumn> {
  return attributeExtractor(count, textOf).result();
}
