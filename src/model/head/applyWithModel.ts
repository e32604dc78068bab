/** Applies fine-tuned heads with the classifier already loaded (for `trendloom classify --head`). */
import { headOutputColumns, type OutputColumn } from '../../core/finetune/apply.ts';
import { loadHead, type LoadedHead } from '../../core/finetune/head.ts';
import { cachedEmbedFn, modelEmbedFn, type EmbeddingModel } from './embedding.ts';

/** Reads and checks head JSON texts; the error names the file that is not a head. */
export function parseHeads(files: readonly { path: string; text: string }[]): LoadedHead[] {
  return files.map(({ path, text }) => {
    try {
      return loadHead(text);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
  });
}

/**
 * The pred_/prob_ columns of each head for a table, computing the model features a head needs
 * with `model` (each distinct text once). A head's text is its training text columns joined with
 * a space, unless `textColumns` overrides them.
 */
export async function headColumnsWithModel(table: { columns: string[]; rows: string[][] }, heads: readonly LoadedHead[], model: EmbeddingModel | null, textColumns?: readonly string[]): Promise<OutputColumn[]> {
  const plain = model ? cachedEmbedFn(modelEmbedFn(model)) : undefined;
  const withProbabilities = model ? cachedEmbedFn(modelEmbedFn(model, { headProbabilities: true })) : undefined;
  const taken = [...table.columns];
  const out: OutputColumn[] = [];
  for (const head of heads) {
    const names = textColumns && textColumns.length > 0 ? [...textColumns] : head.json.textColumns;
    if (names.length === 0) throw new Error(`The head for '${head.json.labelColumn}' does not say which text columns it reads; pass --text.`);
    const missing = names.filter((c) => !table.columns.includes(c));
    if (missing.length > 0) throw new Error(`The file has no column ${missing.map((m) => `'${m}'`).join(', ')}, which the head for '${head.json.labelColumn}' reads.`);
    const indices = names.map((c) => table.columns.indexOf(c));
    const texts = table.rows.map((r) => indices.map((i) => r[i] ?? '').join(' ').trim());
    const features = head.json.featureSpec.embedding?.features ?? 'embedding';
    const embed = features === 'embedding+probabilities' ? withProbabilities : plain;
    const columns = await headOutputColumns(texts, [head], { embed }, [...taken, ...out.map((c) => c.name)]);
    out.push(...columns);
  }
  return out;
}
