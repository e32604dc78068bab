/**
 * Bench-only worker: reads the chosen file the way the intake worker does (`byteStreamChunks`,
 * the BYOB ring) without building a table, optionally splitting it into records with the intake's
 * `CsvScanner` (records handed to an empty sink) and writing `touchBytes` of fresh memory as it
 * goes (one byte per 4 KiB page, spread over the file's chunks): floors for a worker that reads,
 * splits and writes a table of that size.
 */
import { byteStreamChunks } from '../../src/core/intake/intake.ts';
import { CsvScanner } from '../../src/core/csv/scanner.ts';

/** What the page asks the read worker to do. */
export interface ReadRequest {
  file: File;
  touchBytes: number;
  scan: boolean;
}

self.onmessage = async (event: MessageEvent<ReadRequest>) => {
  const { file, touchBytes, scan } = event.data;
  const started = performance.now();
  const fresh = touchBytes > 0 ? new Uint8Array(touchBytes) : null;
  let fields = 0;
  const scanner = scan ? new CsvScanner(0x2c, (_bytes, _starts, _ends, _flags, count) => void (fields += count)) : null;
  let bytes = 0;
  let touched = 0;
  for await (const chunk of byteStreamChunks(file.stream())) {
    bytes += chunk.length;
    scanner?.push(chunk);
    if (fresh) {
      // Write as many pages as the share of the file read so far calls for.
      const target = Math.min(fresh.length, Math.floor((bytes / file.size) * fresh.length));
      for (; touched < target; touched += 4096) fresh[touched] = 1;
    }
  }
  scanner?.end();
  self.postMessage({ ms: performance.now() - started, bytes, fields });
};
