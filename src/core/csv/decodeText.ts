/**
 * A whole CSV file held in memory, turned into text the way intake reads a file: the encoding is
 * detected from the first 64 KB (byte-order mark, UTF-16 zero bytes, valid UTF-8, else
 * Windows-1252) and the delimiter sniffed from them (`,` `;` tab `|`). For the small files that
 * are read whole (series files for `forecast`), so they get the same encodings and separators as
 * catalogues. Pure.
 */
import { createTranscoder, detectEncoding, type EncodingGuess, type TextEncodingName } from './encoding.ts';
import { sniffDelimiter, type Delimiter } from './sniff.ts';

/** A CSV file's text, how it was encoded and how its fields are separated. */
export interface CsvText {
  /** The text (no byte-order mark). */
  text: string;
  /** The encoding read and why. */
  encoding: EncodingGuess;
  /** The field delimiter. */
  delimiter: Delimiter | string;
}

/** Choices that override the guesses. */
export interface CsvTextOptions {
  /** Text encoding; detected when absent. */
  encoding?: TextEncodingName;
  /** Field delimiter; sniffed when absent. */
  delimiter?: string;
}

const SAMPLE_BYTES = 64 * 1024;

/** Decodes a CSV file's bytes to text, detecting its encoding and delimiter as intake does. */
export function decodeCsvText(bytes: Uint8Array, options: CsvTextOptions = {}): CsvText {
  const head = bytes.subarray(0, SAMPLE_BYTES);
  const encoding: EncodingGuess = options.encoding
    ? { encoding: options.encoding, bomLength: bomLength(bytes, options.encoding), reason: 'override' }
    : detectEncoding(head, bytes.length <= SAMPLE_BYTES);
  const transcoder = createTranscoder(encoding.encoding);
  const first = transcoder.push(bytes.subarray(encoding.bomLength));
  const last = transcoder.end();
  let utf8 = first;
  if (last.length > 0) {
    utf8 = new Uint8Array(first.length + last.length);
    utf8.set(first);
    utf8.set(last, first.length);
  }
  const delimiter = options.delimiter ?? sniffDelimiter(utf8.subarray(0, SAMPLE_BYTES), utf8.length <= SAMPLE_BYTES).delimiter;
  // ignoreBOM: a BOM was already skipped, so a U+FEFF left at the start is the file's own text.
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(utf8), encoding, delimiter };
}

function bomLength(bytes: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
  return 0;
}
