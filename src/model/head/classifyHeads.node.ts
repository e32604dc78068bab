/** Node: the `--head <head.json>` option of `trendloom classify` (read head files, add their columns). */
import { readFile } from 'node:fs/promises';
import { modelColumnNames } from '../../core/columnKinds.ts';
import type { OutputColumn } from '../../core/finetune/apply.ts';
import type { LoadedHead } from '../../core/finetune/head.ts';
import { headColumnsWithModel, parseHeads } from './applyWithModel.ts';
import type { EmbeddingModel } from './embedding.ts';

/**
 * Reads each head file and returns its pred_<label>/prob_<label> columns for the table, using the
 * already-loaded classifier for heads that need its features. `fallbackText` is used only by a
 * head that does not name its own text columns. Names already used by the file or by the
 * classifier's own columns get the suffix `_head` (then `_head2`, …).
 */
export async function classifyHeadColumns(paths: readonly string[], table: { columns: string[]; rows: string[][] }, model: EmbeddingModel, fallbackText?: readonly string[]): Promise<OutputColumn[]> {
  const heads = await readHeadFiles(paths);
  // The classifier's own pred_/prob_ columns (top-k included) are taken too: a head never shadows them.
  const reserved = modelColumnNames(model.heads, 20);
  const out: OutputColumn[] = [];
  for (const head of heads) {
    const own = head.json.textColumns.length > 0 ? undefined : fallbackText;
    out.push(...(await headColumnsWithModel({ columns: [...table.columns, ...reserved, ...out.map((c) => c.name)], rows: table.rows }, [head], model, own)));
  }
  return out;
}

/** Reads and checks `--head` files (a readable error names a file that is missing or unreadable). */
export async function readHeadFiles(paths: readonly string[]): Promise<LoadedHead[]> {
  const files = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, text: await readFile(path, 'utf8') };
      } catch (error) {
        throw new Error(`Cannot read the head '${path}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
      }
    }),
  );
  return parseHeads(files);
}
