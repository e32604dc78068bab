/**
 * Text encodings of CSV input. The parser scans UTF-8 bytes only, so every other encoding is
 * transcoded to UTF-8 chunk by chunk before scanning; UTF-8 input (the common case) passes
 * through untouched.
 */

/** An encoding Trendloom reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What the first bytes say about the encoding. */
export interface EncodingGuess {
  /** The encoding used to read the file. */
  encoding: TextEncodingName;
  /** Length of the byte-order mark to skip (0 when none). */
  bomLength: number;
  /** How it was decided, for the notes shown to the user. */
  reason: 'bom' | 'valid-utf-8' | 'not-utf-8' | 'utf-16-zero-bytes' | 'override';
}

/**
 * Decides the encoding from the first bytes of a file: a BOM wins; otherwise UTF-16 is recognised
 * by its zero bytes, UTF-8 is kept when the sample is valid UTF-8, and Windows-1252 (what Excel on
 * Windows writes) is the fallback. `complete` says the sample is the whole file (so a multi-byte
 * character cut at the end of the sample is a real error, not a cut).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'bom' };
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'bom' };
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'bom' };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: 'utf-16-zero-bytes' };
  return isValidUtf8(sample, complete)
    ? { encoding: 'utf-8', bomLength: 0, reason: 'valid-utf-8' }
    : { encoding: 'windows-1252', bomLength: 0, reason: 'not-utf-8' };
}

// Text in UTF-16 without a BOM has a zero byte in (nearly) every other position.
function utf16WithoutBom(sample: Uint8Array): TextEncodingName | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Whether bytes are valid UTF-8; when `complete` is false a character cut at the very end is allowed. */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return false;
    // A character cut by the end of the sample is fine unless the sample is the whole file.
    if (i + need >= n) return !complete;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Written out because some runtimes (Node
// without full ICU) decode 'windows-1252' as Latin-1; the five undefined bytes map to C1 controls
// as the WHATWG Encoding standard says.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The Unicode code point of a Windows-1252 byte. */
export function cp1252CodePoint(byte: number): number {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : byte;
}

/** Turns chunks of some encoding into chunks of UTF-8 bytes. */
export interface Transcoder {
  /** Transcodes one chunk; state (a character split across chunks) carries to the next call. */
  push(chunk: Uint8Array): Uint8Array;
  /** Flushes what is left at the end of the input. */
  end(): Uint8Array;
}

/** A transcoder from `encoding` to UTF-8 (identity for UTF-8). */
export function createTranscoder(encoding: TextEncodingName): Transcoder {
  if (encoding === 'utf-8') return { push: (chunk) => chunk, end: () => new Uint8Array(0) };
  if (encoding === 'windows-1252') return { push: cp1252ToUtf8, end: () => new Uint8Array(0) };
  // UTF-16 is rare in catalogue exports (Excel's "Unicode text"); the platform decoder is fine here.
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  return {
    push: (chunk) => encoder.encode(decoder.decode(chunk, { stream: true })),
    end: () => encoder.encode(decoder.decode()),
  };
}

function cp1252ToUtf8(chunk: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b >= 0x80) extra += cp1252CodePoint(b) >= 0x800 ? 2 : 1;
  }
  if (extra === 0) return chunk;
  const out = new Uint8Array(chunk.length + extra);
  let o = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b < 0x80) {
      out[o++] = b;
      continue;
    }
    const cp = cp1252CodePoint(b);
    if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out;
}

/**
 * Watches UTF-8 input chunk by chunk for bytes that are not UTF-8 text; a character split across
 * chunks is fine. Runs of ASCII are checked four bytes at a time, so a catalogue costs a few per
 * cent of a parse (the platform's fatal TextDecoder was measured at 5–10 times slower in Node).
 * It only says which chunks to look at closely: `invalidUtf8` then finds the bytes in the cells.
 */
export class Utf8Watch {
  // Continuation bytes still expected of a character begun earlier, and the range of the next one.
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;

  /** Whether `chunk`, read after the chunks before it, holds (or completes) bytes that are not UTF-8. */
  push(chunk: Uint8Array): boolean {
    const n = chunk.length;
    // 4-byte words over the aligned middle of the chunk: bytes [skip + 4w, skip + 4w + 4).
    const skip = (4 - (chunk.byteOffset & 3)) & 3;
    const words = n > skip + 4 ? new Uint32Array(chunk.buffer, chunk.byteOffset + skip, (n - skip) >> 2) : null;
    const wordsEnd = words ? skip + words.length * 4 : 0;
    let need = this.need;
    let lo = this.lo;
    let hi = this.hi;
    let i = 0;
    while (i < n) {
      if (need === 0 && words !== null && i >= skip && i < wordsEnd && ((i - skip) & 3) === 0) {
        let w = (i - skip) >> 2;
        const last = words.length;
        while (w < last && (words[w]! & 0x80808080) === 0) w++;
        i = skip + w * 4;
        if (i >= n) break;
      }
      const b = chunk[i]!;
      if (need > 0) {
        if (b < lo || b > hi) return this.reset();
        need--;
        lo = 0x80;
        hi = 0xbf;
        i++;
        continue;
      }
      i++;
      if (b < 0x80) continue;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        // No overlong forms (E0 needs A0–BF next), no surrogates (ED needs 80–9F next).
        if (b === 0xe0) lo = 0xa0;
        else if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        // No overlong forms (F0 needs 90–BF next), nothing past U+10FFFF (F4 needs 80–8F next).
        if (b === 0xf0) lo = 0x90;
        else if (b === 0xf4) hi = 0x8f;
      } else return this.reset();
    }
    this.need = need;
    this.lo = lo;
    this.hi = hi;
    return false;
  }

  /** Whether the input ended inside a character. */
  end(): boolean {
    const cut = this.need > 0;
    this.reset();
    return cut;
  }

  // Forgets a character under way. After a bad byte the next chunk may then start inside a
  // character and be flagged too; the close look at its cells finds nothing there.
  private reset(): true {
    this.need = 0;
    this.lo = 0x80;
    this.hi = 0xbf;
    return true;
  }
}

/** Bytes that are not UTF-8 text in bytes[start, end): how many, and the first few as hex ("0xE9 0xFF"). */
export interface InvalidUtf8 {
  /** Bytes that are not part of a valid character. */
  count: number;
  /** Up to the first four such bytes, as "0xE9". */
  sample: string[];
}

/** The bytes in bytes[start, end) that are not UTF-8 text (null when all are), ending at `end` (no character continues past it). */
export function invalidUtf8(bytes: Uint8Array, start: number, end: number): InvalidUtf8 | null {
  let found: InvalidUtf8 | null = null;
  const bad = (byte: number) => {
    found ??= { count: 0, sample: [] };
    found.count++;
    if (found.sample.length < 4) found.sample.push(`0x${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  };
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The length of the longest valid start of a character at i (WHATWG: each invalid byte run up
    // to a byte that cannot continue it is one bad sequence; here every byte of it is counted).
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) {
      bad(b);
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need && i + k < end; k++) {
      const c = bytes[i + k]!;
      // The second byte's range depends on the first (no overlong forms, no surrogates, nothing past U+10FFFF).
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c < lo || c > hi) break;
    }
    if (k > need) {
      i += need + 1;
      continue;
    }
    for (let j = 0; j < k; j++) bad(bytes[i + j]!);
    i += k;
  }
  return found;
}
