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

/** Inputs longer than this many characters are cut: the model reads at most 48 tokens anyway. */
export const MAX_INPUT_CHARS = 400;

/** Collapses runs of whitespace (tabs, new lines) to single spaces, as the training text has them. */
export function normaliseItemText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Builds the model's input text the way the design document joins item fields:
 * `Item: <name> <description> Materials: … Colors: … Season: …` (empty fields are left out),
 * wrapped by the config's template (`Item: {text}`). A bare string is taken as the item text.
 */
export function buildInputText(fields: ItemTextFields | string, template = 'Item: {text}'): string {
  const parts: string[] = [];
  if (typeof fields === 'string') parts.push(fields);
  else {
    if (fields.name) parts.push(fields.name);
    if (fields.description) parts.push(fields.description);
    if (fields.materials) parts.push(`Materials: ${fields.materials}`);
    if (fields.colors) parts.push(`Colors: ${fields.colors}`);
    if (fields.season) parts.push(`Season: ${fields.season}`);
  }
  const text = normaliseItemText(parts.join(' ')).slice(0, MAX_INPUT_CHARS);
  return template.replace('{text}', text);
}
