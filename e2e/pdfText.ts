import { inflateSync } from 'node:zlib';

// Just enough of PDF to read back what Chromium printed (issue 17, item 2): its pages, and the text
// on each, through the fonts' ToUnicode maps. Chromium (Skia) writes numbered objects, Flate
// streams and text as hex glyph ids (`<0045> Tj`); nothing else is supported.

/** One printed page's text: its text objects in drawing order, spaces collapsed, ligatures (ﬁ) spelt out. */
export type PdfPage = string;

function objects(pdf: Buffer): Map<number, string> {
  const text = pdf.toString('latin1');
  const found = new Map<number, string>();
  for (const match of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) found.set(Number(match[1]), match[2]!);
  return found;
}

function streamOf(body: string): string {
  const match = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
  if (!match) return '';
  const raw = Buffer.from(match[1]!, 'latin1');
  try {
    return inflateSync(raw).toString('latin1');
  } catch {
    return raw.toString('latin1');
  }
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(from!, 16), utf16(to!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = parseInt(to!, 16);
      for (let g = parseInt(lo!, 16); g <= parseInt(hi!, 16); g++) map.set(g, String.fromCharCode(base + g - parseInt(lo!, 16)));
    }
  }
  return map;
}

/** The text of each page of a PDF that Chromium printed, in page order. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const all = objects(pdf);
  const pages: PdfPage[] = [];
  for (const body of all.values()) {
    if (!/\/Type\s*\/Page(?!s)/.test(body)) continue;
    let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(body);
    const resources = /\/Resources (\d+) 0 R/.exec(body);
    if (!fontDict && resources) fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(all.get(Number(resources[1])) ?? '');
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, ref] of fontDict?.[1]!.matchAll(/\/(\w+) (\d+) 0 R/g) ?? []) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(all.get(Number(ref)) ?? '');
      fonts.set(name!, cmapRef ? toUnicode(streamOf(all.get(Number(cmapRef[1])) ?? '')) : new Map());
    }
    const contents = /\/Contents (\d+) 0 R/.exec(body);
    const ops = streamOf(all.get(Number(contents?.[1])) ?? '');
    let font = new Map<number, string>();
    let text = '';
    for (const op of ops.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj|\bET\b/g)) {
      if (op[1]) font = fonts.get(op[1]) ?? new Map();
      else if (op[2]) for (let i = 0; i < op[2].length; i += 4) text += font.get(parseInt(op[2].slice(i, i + 4), 16)) ?? '?';
      else text += ' ';
    }
    pages.push(text.normalize('NFKC').replace(/\s+/g, ' ').trim());
  }
  return pages;
}
