/**
 * Recognises what a file really is from its first bytes (not its name): a table Trendloom reads
 * (CSV/text, Arrow IPC, Parquet), or something else that gets a plain-language explanation.
 */
import { IntakeError } from './errors.ts';
import { coreMessage } from '../messages.ts';

/** The formats intake reads. */
export type FileFormat = 'csv' | 'arrow-file' | 'arrow-stream' | 'parquet';

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function contains(head: Uint8Array, text: string): boolean {
  const needle = ascii(text);
  const limit = Math.min(head.length, 64 * 1024) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let k = 0; k < needle.length; k++) if (head[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Decides the format of a file from its first bytes (and its name only to tell an Excel workbook
 * from another zip). Throws IntakeError for files that are not tables.
 */
export function detectFormat(head: Uint8Array, name: string): FileFormat {
  const lower = name.toLowerCase();
  if (head.length === 0) throw new IntakeError('empty-file', coreMessage('file.empty'));
  if (startsWith(head, ascii('PAR1'))) return 'parquet';
  if (startsWith(head, ascii('ARROW1'))) return 'arrow-file';
  // An Arrow IPC stream starts with the continuation marker 0xFFFFFFFF and a schema message.
  if (startsWith(head, [0xff, 0xff, 0xff, 0xff]) && head.length >= 8) return 'arrow-stream';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, ascii('GIF8')) ||
      (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) || startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    throw new IntakeError('image-file', coreMessage('file.picture', { name }));
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (/\.(xlsx|xlsm|xlsb)$/.test(lower) || contains(head, 'xl/')) throw new IntakeError('excel-file', coreMessage('file.excel-workbook'));
    if (/\.numbers$/.test(lower)) throw new IntakeError('excel-file', coreMessage('file.numbers'));
    throw new IntakeError('zip-file', coreMessage('file.zip'));
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw new IntakeError('excel-file', coreMessage('file.excel-xls'));
  if (startsWith(head, ascii('%PDF'))) throw new IntakeError('pdf-file', coreMessage('file.pdf'));
  if (startsWith(head, [0x1f, 0x8b])) throw new IntakeError('gzip-file', coreMessage('file.gzip'));
  if (looksBinary(head)) throw new IntakeError('binary-file', coreMessage('file.binary'));
  return 'csv';
}

// Text has no NUL bytes (except UTF-16, which has them in a regular pattern) and few control
// characters; a binary file has plenty of both within its first kilobytes.
function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  if (n === 0) return false;
  const utf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16Bom) return false;
  let zeroEven = 0;
  let zeroOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) {
      if (i & 1) zeroOdd++;
      else zeroEven++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  const half = n / 2;
  // UTF-16 without a BOM: zeros on one side only.
  if ((zeroOdd > half * 0.4 && zeroEven < half * 0.05) || (zeroEven > half * 0.4 && zeroOdd < half * 0.05)) return false;
  return zeroEven + zeroOdd > Math.max(1, n * 0.01) || control > n * 0.05;
}
