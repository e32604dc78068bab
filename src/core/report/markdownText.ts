/**
 * User text (cells, column names, file names) inside a Markdown document: shown as the text it is,
 * never as HTML or Markdown markup. Pure.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes user text for Markdown: HTML-special characters become entities (no raw tag such as
 * `<img onerror>` or `<iframe>` reaches the document), Markdown control characters get a backslash
 * (no link, image, emphasis, code, heading or table cell break), a leading list or heading marker
 * is escaped, and line breaks become spaces so the text stays on its line.
 */
export function markdownText(text: string): string {
  const escaped = markdownCell(text);
  // At the start of a line a list marker (-, +, 1. or 1)) or setext underline (=) would start a block.
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Escapes text for the inside of a Markdown table cell (never at the start of a line): as
 * markdownText, less the line-start list and heading markers, so "1.5× worse" stays "1.5× worse".
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/[\\`*_[\]#|~]/g, '\\$&');
}
