/**
 * User text on a terminal: control characters shown escaped (`\x1b`), so a cell cannot move the
 * cursor, clear the screen, set the window title or plant a hyperlink when a message echoes it. Pure.
 */

/** True for a code point a terminal acts on instead of showing: C0 (but line feed and tab), DEL, C1, and bidi overrides. */
function isControl(code: number): boolean {
  if (code < 0x20) return code !== 0x0a && code !== 0x09;
  if (code >= 0x7f && code <= 0x9f) return true;
  // Bidirectional embeddings, overrides and isolates reorder what is shown ("Trojan Source").
  return code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Escapes a control code point as `\xNN` (up to U+00FF) or `\uNNNN`. */
function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text safe to print to a terminal: every control character but line feed and tab written as `\x1b`, `\x9b`, `\u202e`… */
export function terminalText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code)) continue;
    out += text.slice(from, i) + escapeCode(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * JSON text safe to print to a terminal: JSON.stringify already escapes C0 characters, and the
 * others (DEL, C1, bidi overrides) can only stand inside strings, where `\uNNNN` means the same.
 */
export function terminalJson(json: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x20 || !isControl(code)) continue;
    out += `${json.slice(from, i)}\\u${code.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? json : out + json.slice(from);
}
