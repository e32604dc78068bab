/** The distinct non-empty item texts of a request, and where each item's text sits among them. */
export interface UniqueTexts {
  /** Each distinct trimmed non-empty text once, in first-seen order. */
  unique: string[];
  /** For item i, the index of its text in `unique`, or -1 when it has no text. */
  itemToUnique: Int32Array;
  /** For each distinct text, the first item that has it. */
  first: Int32Array;
  /** For each distinct text, how many items have it. */
  counts: Int32Array;
}

/** Collapses items' texts (trimmed; empty ones left out) so each distinct text is labelled or embedded once. */
export function uniqueTexts(texts: readonly (string | null | undefined)[]): UniqueTexts {
  const n = texts.length;
  const itemToUnique = new Int32Array(n).fill(-1);
  const uniqueIndex = new Map<string, number>();
  const unique: string[] = [];
  const first: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = texts[i]?.trim() ?? '';
    if (!text) continue;
    let u = uniqueIndex.get(text);
    if (u === undefined) {
      u = unique.length;
      unique.push(text);
      uniqueIndex.set(text, u);
      first.push(i);
      counts.push(0);
    }
    counts[u]!++;
    itemToUnique[i] = u;
  }
  return { unique, itemToUnique, first: Int32Array.from(first), counts: Int32Array.from(counts) };
}
