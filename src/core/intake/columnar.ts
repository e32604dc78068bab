/**
 * Arrow IPC (file and stream) and Parquet inputs, brought to the same shape as a parsed CSV:
 * text columns become byte columns that go through the same typing as CSV cells (so a date
 * stored as text becomes a date, a repeated label a dictionary), while columns that are already
 * numbers or dates are kept as typed vectors. There are no lines in these formats: row i is
 * reported as line i + 2, as if the file were a CSV with a header.
 */
import { RecordBatchReader, Type, tableFromIPC, type Table, type Vector } from 'apache-arrow';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { ByteColumn } from '../arrow/byteColumn.ts';
import type { DictColumn } from '../arrow/dictColumn.ts';
import { float64Vector, int32Vector, timestampVector, ValidityBuilder } from '../arrow/vectors.ts';
import { IntakeError } from './errors.ts';
import { coreMessage } from '../messages.ts';
import { MAX_COLUMNS, tooManyColumns, uniqueNames } from '../csv/parseCsv.ts';

/** One input column: raw text to type, a ready vector, or already consumed. */
export type InputColumn =
  | { kind: 'bytes'; column: ByteColumn | DictColumn }
  | { kind: 'vector'; vector: Vector; type: 'number' | 'date'; samples: string[]; integral: boolean }
  | { kind: 'done' };

/** Columns of any input format, ready for typing. */
export interface ColumnarInput {
  /** Column names (unique). */
  names: string[];
  /** One entry per name. */
  columns: InputColumn[];
  /** The line reported for each row. */
  lines: Int32Array;
  /** Row count. */
  rows: number;
}

function sampleStrings(values: Float64Array, format: (value: number) => string): string[] {
  return Array.from(values.subarray(0, 200), format);
}

function syntheticLines(rows: number): Int32Array {
  const lines = new Int32Array(rows);
  for (let i = 0; i < rows; i++) lines[i] = i + 2;
  return lines;
}

/** Builds a typed input column from plain JS values (numbers, bigints, dates, strings, booleans). */
export function columnFromValues(values: ArrayLike<unknown>, hint: 'date' | null = null): InputColumn {
  const n = values.length;
  let numbers = 0;
  let dates = 0;
  let present = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    present++;
    if (typeof value === 'number' || typeof value === 'bigint') numbers++;
    else if (value instanceof Date) dates++;
  }
  if (present > 0 && (dates === present || (hint === 'date' && numbers === present))) {
    const ms = new Float64Array(n).fill(NaN);
    const validity = new ValidityBuilder(n);
    for (let i = 0; i < n; i++) {
      const value = values[i];
      if (value === null || value === undefined) validity.setNull(i);
      else ms[i] = value instanceof Date ? value.getTime() : Number(value);
    }
    return { kind: 'vector', vector: timestampVector(ms, validity.finish()), type: 'date', samples: sampleStrings(ms, (v) => (Number.isNaN(v) ? '' : new Date(v).toISOString())), integral: true };
  }
  if (present > 0 && numbers === present) {
    const floats = new Float64Array(n);
    const validity = new ValidityBuilder(n);
    let integral = true;
    let fits = true;
    for (let i = 0; i < n; i++) {
      const value = values[i];
      if (value === null || value === undefined) {
        validity.setNull(i);
        continue;
      }
      const number = Number(value);
      floats[i] = number;
      if (!Number.isInteger(number)) integral = false;
      else if (number > 2147483647 || number < -2147483648) fits = false;
    }
    const samples = Array.from({ length: Math.min(n, 200) }, (_, i) => String(values[i] ?? ''));
    const vector = integral && fits ? int32Vector(Int32Array.from(floats), validity.finish()) : float64Vector(floats, validity.finish());
    return { kind: 'vector', vector, type: 'number', samples, integral };
  }
  const column = new ByteColumn(n, n * 8);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    column.appendString(value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value));
  }
  return { kind: 'bytes', column };
}

// Fields in an Arrow IPC file's or stream's schema (0 when it cannot be read: the full read reports that).
function schemaFieldCount(bytes: Uint8Array): number {
  try {
    const reader = RecordBatchReader.from(bytes);
    reader.open();
    return reader.schema?.fields.length ?? 0;
  } catch {
    return 0;
  }
}

/** Reads an Arrow IPC file or stream into input columns. */
export function readArrowColumns(bytes: Uint8Array, format: 'arrow-file' | 'arrow-stream'): ColumnarInput {
  let table: Table;
  // The schema alone says how many columns there are: refuse a too-wide file before its batches
  // are read (the Arrow library's reading is quadratic in the columns).
  const fields = schemaFieldCount(bytes);
  if (fields > MAX_COLUMNS) throw tooManyColumns(fields);
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new IntakeError('unreadable-arrow', coreMessage(format === 'arrow-file' ? 'file.arrow-file-unreadable' : 'file.arrow-stream-unreadable', { error: (error as Error).message }));
  }
  const names = uniqueNames(table.schema.fields.map((field) => field.name));
  const columns = table.schema.fields.map((field, index): InputColumn => {
    const vector = table.getChildAt(index)!;
    switch (field.typeId) {
      case Type.Timestamp:
      case Type.Date:
        return columnFromValues(Array.from(vector) as unknown[], 'date'); // get() gives epoch ms for every unit
      case Type.List: {
        const values: (string | null)[] = [];
        for (const list of vector) values.push(list === null ? null : Array.from(list as Iterable<unknown>).join('|'));
        return columnFromValues(values);
      }
      default:
        return columnFromValues(Array.from(vector) as unknown[]);
    }
  });
  return { names, columns, lines: syntheticLines(table.numRows), rows: table.numRows };
}

/** Reads a Parquet file (hyparquet; plain, dictionary and Snappy-compressed pages) into input columns. */
export async function readParquetColumns(bytes: Uint8Array): Promise<ColumnarInput> {
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  try {
    const metadata = parquetMetadata(buffer);
    const rows = Number(metadata.num_rows);
    const topLevel = parquetSchema(metadata).children.map((child) => child.element.name);
    if (topLevel.length > MAX_COLUMNS) throw tooManyColumns(topLevel.length);
    const data = new Map<string, unknown[]>(topLevel.map((name) => [name, new Array<unknown>(rows).fill(null)]));
    await parquetRead({
      file: buffer,
      metadata,
      onChunk(chunk) {
        const target = data.get(chunk.columnName);
        if (!target) return;
        const values = chunk.columnData as ArrayLike<unknown>;
        for (let i = 0; i < values.length && chunk.rowStart + i < rows; i++) target[chunk.rowStart + i] = values[i];
      },
    });
    const names = uniqueNames(topLevel);
    const columns = topLevel.map((name) => columnFromValues(data.get(name)!));
    return { names, columns, lines: syntheticLines(rows), rows };
  } catch (error) {
    if (error instanceof IntakeError) throw error;
    const message = (error as Error).message;
    const codec = /(ZSTD|GZIP|BROTLI|LZ4|LZO)/i.exec(message)?.[1];
    throw new IntakeError(
      'unreadable-parquet',
      codec ? coreMessage('file.parquet-codec', { codec: codec.toUpperCase() }) : coreMessage('file.parquet-unreadable', { error: message }),
    );
  }
}
