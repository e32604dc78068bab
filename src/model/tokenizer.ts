/**
 * A pure TypeScript SentencePiece-BPE tokenizer (Llama style, byte fallback) read from a Hugging Face
 * `tokenizer.json`. It reproduces SentencePiece's own encoding rule rather than the merges-list rule:
 * at each step the adjacent pair whose concatenation is the highest-priority vocabulary piece is
 * merged, leftmost first on ties. The priority of a piece is the position of its first merge in the
 * file (the exporter writes merges in SentencePiece score order). Characters that are not in the
 * vocabulary become their UTF-8 bytes (`<0xHH>` pieces), as SentencePiece's byte fallback does.
 */

const SPACE_SYMBOL = '\u2581';

/** The parts of a Hugging Face `tokenizer.json` this tokenizer reads. */
export interface TokenizerJson {
  /** Special tokens such as `<unk>`, `<s>`, `</s>`. */
  added_tokens?: { id: number; content: string; special?: boolean }[];
  /** The BPE model: vocabulary and merges (strings `"a b"` or pairs `["a","b"]`). */
  model: { type: string; vocab: Record<string, number>; merges: (string | [string, string])[]; byte_fallback?: boolean };
}

/** Tokenizer ids and pieces for the Llama-style vocabulary shipped with the classifier. */
export class LlamaBpeTokenizer {
  /** Id of `<unk>`. */
  readonly unkId: number;
  /** Id of `<s>` (beginning of sequence). */
  readonly bosId: number;
  /** Id of `</s>` (end of sequence). */
  readonly eosId: number;
  /** Number of ids in the vocabulary. */
  readonly vocabSize: number;
  private readonly pieceToId: Map<string, number>;
  private readonly idToPieceTable: string[];
  private readonly pieceRank: Map<string, number>;
  private readonly byteIds: number[];
  private readonly specialIds: Set<number>;

  private constructor(json: TokenizerJson) {
    if (!json || typeof json !== 'object' || !json.model || json.model.type !== 'BPE' || typeof json.model.vocab !== 'object') {
      throw new Error('The tokenizer file is not a BPE tokenizer.json (model.type must be "BPE").');
    }
    this.pieceToId = new Map(Object.entries(json.model.vocab));
    this.vocabSize = Math.max(...this.pieceToId.values()) + 1;
    this.idToPieceTable = new Array<string>(this.vocabSize).fill('');
    for (const [piece, id] of this.pieceToId) this.idToPieceTable[id] = piece;
    this.pieceRank = new Map();
    json.model.merges.forEach((merge, rank) => {
      const [a, b] = typeof merge === 'string' ? splitMerge(merge) : merge;
      const piece = a + b;
      if (!this.pieceRank.has(piece)) this.pieceRank.set(piece, rank);
    });
    this.byteIds = [];
    for (let b = 0; b < 256; b++) {
      const id = this.pieceToId.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
      if (id === undefined) throw new Error(`The tokenizer has no byte-fallback piece for byte ${b}.`);
      this.byteIds.push(id);
    }
    const special = json.added_tokens ?? [];
    const find = (content: string, fallback: number) => special.find((t) => t.content === content)?.id ?? this.pieceToId.get(content) ?? fallback;
    this.unkId = find('<unk>', 0);
    this.bosId = find('<s>', 1);
    this.eosId = find('</s>', 2);
    this.specialIds = new Set(special.filter((t) => t.special !== false).map((t) => t.id));
  }

  /** Builds a tokenizer from the parsed contents of `tokenizer.json`. */
  static fromJson(json: unknown): LlamaBpeTokenizer {
    return new LlamaBpeTokenizer(json as TokenizerJson);
  }

  /** The piece string of an id (e.g. `▁Shirt`, `<0xE2>`, `</s>`). */
  idToPiece(id: number): string {
    const piece = this.idToPieceTable[id];
    if (piece === undefined) throw new RangeError(`Token id ${id} is outside the vocabulary (0…${this.vocabSize - 1}).`);
    return piece;
  }

  /** The id of a piece, or undefined when it is not in the vocabulary. */
  pieceId(piece: string): number | undefined {
    return this.pieceToId.get(piece);
  }

  /** True for `<unk>`, `<s>`, `</s>` and other special tokens. */
  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }

  /** Encodes text into ids without `<s>`/`</s>` (SentencePiece `encode` with a dummy space prefix). */
  encode(text: string): number[] {
    if (text.length === 0) return [];
    const symbols = Array.from(SPACE_SYMBOL + text.replaceAll(' ', SPACE_SYMBOL));
    this.mergeInPlace(symbols);
    const ids: number[] = [];
    for (const symbol of symbols) {
      const id = this.pieceToId.get(symbol);
      if (id !== undefined && !this.specialIds.has(id)) {
        ids.push(id);
        continue;
      }
      for (const byte of new TextEncoder().encode(symbol)) ids.push(this.byteIds[byte]!);
    }
    return ids;
  }

  /** Turns ids back into text: byte pieces are re-assembled as UTF-8, special tokens are skipped. */
  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    let text = '';
    const flush = () => {
      if (bytes.length) text += new TextDecoder('utf-8').decode(new Uint8Array(bytes));
      bytes.length = 0;
    };
    for (const id of ids) {
      if (this.specialIds.has(id)) continue;
      const piece = this.idToPiece(id);
      const byte = /^<0x([0-9A-F]{2})>$/.exec(piece);
      if (byte) {
        bytes.push(parseInt(byte[1]!, 16));
        continue;
      }
      flush();
      text += piece.replaceAll(SPACE_SYMBOL, ' ');
    }
    flush();
    return text.startsWith(' ') ? text.slice(1) : text;
  }

  /** SentencePiece's BPE rule: repeatedly merge the best-ranked adjacent pair (leftmost on ties). */
  private mergeInPlace(symbols: string[]): void {
    // Quadratic in the text length, which is fine for item texts (callers cap very long inputs).
    for (;;) {
      let bestRank = Infinity;
      let bestAt = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = this.pieceRank.get(symbols[i]! + symbols[i + 1]!);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          bestAt = i;
        }
      }
      if (bestAt < 0) return;
      symbols.splice(bestAt, 2, symbols[bestAt]! + symbols[bestAt + 1]!);
    }
  }
}

function splitMerge(merge: string): [string, string] {
  const cut = merge.indexOf(' ');
  if (cut < 0) throw new Error(`Malformed merge "${merge}" in tokenizer.json.`);
  return [merge.slice(0, cut), merge.slice(cut + 1)];
}
