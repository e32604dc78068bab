/** Item fields the classifier reads; any subset may be present. */
export interface ItemTextFields {
  /** Product name or title ("Turtle Check Men Navy Blue Shirt"). */
  name?: string;
  /** Free description ("Relaxed linen shirt with a camp collar"). */
  description?: string;
  /** Materials ("cotton, linen"). */
  materials?: string;
  /** Colour names. */
  colors?: string;
  /** Season text. */
  season?: string;
}

/** Inputs longer than this many characters are cut: the model reads at most 128 tokens anyway. */
export const MAX_INPUT_CHARS = 700;
/** Descriptions are cut to this many characters, as in training (training/train_multi.py). */
export const MAX_DESCRIPTION_CHARS = 600;
/** The word that marks where the description starts in the model's input text. */
export const DESCRIPTION_MARKER = 'Details:';
/** Every field marker `buildInputText` writes (the model's structure, not the item's words). */
export const FIELD_MARKERS = [DESCRIPTION_MARKER, 'Materials:', 'Colors:', 'Season:'] as const;

const FIELD_MARKER_WORDS = new RegExp(`(^|\\s)(${FIELD_MARKERS.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=\\s|$)`, 'g');

/** A model input text without the template's words before `{text}` ("Item:"). */
function withoutTemplate(inputText: string, templateText: string): string {
  const prefix = templateText.trim();
  return prefix && inputText.startsWith(prefix) ? inputText.slice(prefix.length) : inputText;
}

/** The item's own words of a model input text: without the template's words and the field markers ("Details:" …). */
export function itemWordsOf(inputText: string, templateText: string): string {
  return withoutTemplate(inputText, templateText).replace(FIELD_MARKER_WORDS, ' ');
}

/** The item's name in a model input text: its own words before the first field marker ("Details:" …), trimmed. */
export function nameWordsOf(inputText: string, templateText: string): string {
  const text = withoutTemplate(inputText, templateText);
  const marker = text.search(FIELD_MARKER_WORDS);
  return (marker >= 0 ? text.slice(0, marker) : text).trim();
}

/** Collapses runs of whitespace (tabs, new lines) to single spaces, as the training text has them. */
export function normaliseItemText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A word with two or more capital letters and no small letter: a shouted word ("POLKA", "T-SHIRT"). */
function isShouted(word: string): boolean {
  return TWO_CAPITALS.test(word) && !SMALL_LETTER.test(word);
}
const TWO_CAPITALS = /\p{Lu}.*\p{Lu}/u;
const SMALL_LETTER = /\p{Ll}/u;

/**
 * Lower-cases words written in capitals ("POLKA DOT SHIRT" → "polka dot shirt"), as training/casing.py
 * does: the model's training text is in title or lower case, and read in capitals a name's own type
 * word became rare tokenizer pieces the model ignored (Zara's names). Other words are kept as written.
 */
export function lowerShoutedWords(text: string): string {
  return text.replace(/\S+/g, (word) => (isShouted(word) ? word.toLowerCase() : word));
}

/**
 * The item text as the model was trained to read it: `<name> Details: <description>`, or
 * `Details: <description>` when there is no name, or the name alone.
 */
export function joinNameAndDescription(name: string, description: string): string {
  const n = normaliseItemText(name);
  const d = normaliseItemText(description).slice(0, MAX_DESCRIPTION_CHARS);
  if (n && d) return `${n} ${DESCRIPTION_MARKER} ${d}`;
  if (d) return `${DESCRIPTION_MARKER} ${d}`;
  return n;
}

/**
 * Builds the model's input text: `Item: <name> Details: <description> Materials: … Colors: … Season: …`
 * (empty fields are left out), wrapped by the config's template (`Item: {text}`). A bare string is
 * taken as the item text; one that starts with `Details:` is a description alone and is not wrapped.
 */
export function buildInputText(fields: ItemTextFields | string, template = 'Item: {text}'): string {
  let text: string;
  if (typeof fields === 'string') text = normaliseItemText(fields);
  else {
    const parts = [joinNameAndDescription(fields.name ?? '', fields.description ?? '')];
    if (fields.materials) parts.push(`Materials: ${fields.materials}`);
    if (fields.colors) parts.push(`Colors: ${fields.colors}`);
    if (fields.season) parts.push(`Season: ${fields.season}`);
    text = normaliseItemText(parts.filter(Boolean).join(' '));
  }
  text = lowerShoutedWords(text).slice(0, MAX_INPUT_CHARS);
  if (text.startsWith(DESCRIPTION_MARKER)) return text;
  return template.replace('{text}', text);
}

/** Header words that say a text column is a description rather than a name. */
const DESCRIPTION_HEADER = /(desc|detail|summary|about|review|body|long|描述|详情|说明|介绍)/i;
/** A text column whose cells average more characters than this reads as a description (unless its header names it a name or title). */
const DESCRIPTION_MEAN_CHARS = 60;
/** Header words that say a text column holds item names or titles: read as names even when long (marketplace titles). */
const NAME_HEADER = /(name|title|product|名称|品名|标题|商品名)/i;
/** Longest mean cell length a name or title column is still read as names: titles run to about 200 characters (a marketplace's usual title limit); longer cells are paragraphs. */
const NAME_HEADER_MAX_MEAN_CHARS = 200;

/** A text column as the splitter sees it: its header and the mean length of its non-empty cells. */
export interface TextColumnShape {
  /** Column header. */
  name: string;
  /** Mean characters per non-empty cell. */
  meanChars: number;
}

/**
 * Splits the columns mapped as item text into name columns and description columns: a header
 * that says description/details, or long cells, make a description; the rest are names. A column
 * whose header says name/title/product stays a name column up to 200 characters a cell on average
 * (long marketplace titles read better as names: docs/BENCHMARKS.md, issue 12). When every
 * column looks like a description, the shortest one is taken as the name.
 */
export function splitTextColumns(columns: readonly TextColumnShape[]): { names: string[]; descriptions: string[] } {
  const longTitle = (c: TextColumnShape) => NAME_HEADER.test(c.name) && c.meanChars <= NAME_HEADER_MAX_MEAN_CHARS;
  const isDescription = (c: TextColumnShape) => DESCRIPTION_HEADER.test(c.name) || (c.meanChars > DESCRIPTION_MEAN_CHARS && !longTitle(c));
  const names = columns.filter((c) => !isDescription(c)).map((c) => c.name);
  const descriptions = columns.filter(isDescription).map((c) => c.name);
  if (names.length === 0 && descriptions.length > 1) {
    const shortest = [...columns].sort((a, b) => a.meanChars - b.meanChars)[0]!.name;
    return { names: [shortest], descriptions: descriptions.filter((d) => d !== shortest) };
  }
  return { names, descriptions };
}
