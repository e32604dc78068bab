/**
 * The classifier's tokenizer: a thin wrapper around `@huggingface/tokenizers` (pure JS, no network)
 * reading the model folder's `tokenizer.json`, as exported from SentencePiece by
 * `training/text.py` (`export_tokenizer_json`). The exporter writes the merges in SentencePiece
 * score order, so the library's rank-based BPE gives the ids SentencePiece gave in training; the
 * parity test checks this on 1,000 golden strings.
 *
 * Two things the wrapper does itself, so that ids stay SentencePiece's:
 * - `<s>`, `</s>` and `<unk>` typed in item text are ordinary characters (SentencePiece never reads
 *   control pieces out of text), so the library gets the file without its `added_tokens`;
 * - it never adds `<s>`/`</s>` (the classifier and the generator place them) and never "cleans up"
 *   spaces when decoding.
 */
import { Tokenizer } from '@huggingface/tokenizers';

/** The parts of a Hugging Face `tokenizer.json` the wrapper checks before handing it to the library. */
export interface TokenizerJson {
  /** Special tokens such as `<unk>`, `<s>`, `</s>`. */
  added_tokens?: { id: number; content: string; special?: boolean }[];
  /** The BPE model: vocabulary, merges (`"a b"` or `["a","b"]`) and SentencePiece's byte fallback. */
  model: { type: string; vocab: Record<string, number>; merges: (string | [string, string])[]; byte_fallback?: boolean };
}

/** The parts of `tokenizer_config.json` the wrapper reads: the names of the special tokens. */
export interface TokenizerConfigJson {
  /** Beginning-of-sequence token (default `<s>`). */
  bos_token?: string | { content: string };
  /** End-of-sequence token (default `</s>`). */
  eos_token?: string | { content: string };
  /** Unknown token (default `<unk>`). */
  unk_token?: string | { content: string };
}

/** Encodes item text into the Llama classifier's SentencePiece ids and back. */
export class LlamaTokenizer {
  /** Id of `<unk>`. */
  readonly unkId: number;
  /** Id of `<s>` (beginning of sequence). */
  readonly bosId: number;
  /** Id of `</s>` (end of sequence). */
  readonly eosId: number;
  /** Number of ids in the vocabulary. */
  readonly vocabSize: number;
  private readonly specialIds: Set<number>;

  private constructor(
    private readonly library: Tokenizer,
    json: TokenizerJson,
    config: TokenizerConfigJson,
  ) {
    const special = json.added_tokens ?? [];
    const idOf = (token: string | { content: string } | undefined, fallback: string): number => {
      const name = typeof token === 'string' ? token : (token?.content ?? fallback);
      const id = special.find((t) => t.content === name)?.id ?? json.model.vocab[name];
      if (id === undefined) throw new Error(`The tokenizer file has no "${name}" token.`);
      return id;
    };
    this.unkId = idOf(config.unk_token, '<unk>');
    this.bosId = idOf(config.bos_token, '<s>');
    this.eosId = idOf(config.eos_token, '</s>');
    this.specialIds = new Set(special.filter((t) => t.special !== false).map((t) => t.id));
    this.vocabSize = [...Object.values(json.model.vocab), ...special.map((t) => t.id)].reduce((a, b) => Math.max(a, b), -1) + 1;
  }

  /** Builds the tokenizer from the parsed `tokenizer.json` (and optionally `tokenizer_config.json`); throws a readable error for a file it cannot use. */
  static fromJson(tokenizerJson: unknown, tokenizerConfig: TokenizerConfigJson = {}): LlamaTokenizer {
    const json = checkTokenizerJson(tokenizerJson);
    let library: Tokenizer;
    try {
      // Only the special-token names travel: other tokenizer_config settings (clean-up of spaces,
      // remove_space, lower-casing) would move the text away from what SentencePiece saw.
      const names = { bos_token: tokenizerConfig.bos_token, eos_token: tokenizerConfig.eos_token, unk_token: tokenizerConfig.unk_token };
      library = new Tokenizer({ ...json, added_tokens: [] }, names);
    } catch (error) {
      throw new Error(`The tokenizer file could not be read: ${(error as Error).message}`);
    }
    return new LlamaTokenizer(library, json, tokenizerConfig);
  }

  /** Encodes text into ids without `<s>`/`</s>` (SentencePiece `encode`: dummy space prefix, byte fallback). */
  encode(text: string): number[] {
    if (text.length === 0) return [];
    return this.library.encode(text, { add_special_tokens: false }).ids;
  }

  /** Turns ids back into text: byte pieces are re-assembled as UTF-8, special tokens are skipped. */
  decode(ids: readonly number[]): string {
    const kept = ids.filter((id) => {
      this.idToPiece(id); // range check
      return !this.specialIds.has(id);
    });
    if (kept.length === 0) return '';
    return this.library.decode(kept, { skip_special_tokens: false, clean_up_tokenization_spaces: false });
  }

  /** The piece string of an id (e.g. `▁Shirt`, `<0xE2>`, `</s>`). */
  idToPiece(id: number): string {
    const piece = Number.isInteger(id) ? this.library.id_to_token(id) : undefined;
    if (piece === undefined) throw new RangeError(`Token id ${id} is outside the vocabulary (0…${this.vocabSize - 1}).`);
    return piece;
  }

  /** True for `<unk>`, `<s>`, `</s>` and other special tokens. */
  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }
}

/** Checks the shape the wrapper relies on, so a wrong or damaged file fails with a sentence rather than a TypeError. */
function checkTokenizerJson(value: unknown): TokenizerJson {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The tokenizer file is not a JSON object (expected the contents of tokenizer.json).');
  const json = value as Partial<TokenizerJson>;
  const model = json.model;
  if (!model || typeof model !== 'object' || model.type !== 'BPE') {
    throw new Error(`The tokenizer file is not a BPE tokenizer.json (model.type is ${JSON.stringify(model?.type)}, expected "BPE").`);
  }
  if (!model.vocab || typeof model.vocab !== 'object' || Array.isArray(model.vocab)) throw new Error('The tokenizer file has no vocabulary (model.vocab must map pieces to ids).');
  if (!Array.isArray(model.merges)) throw new Error('The tokenizer file has no merges list (model.merges must be an array).');
  if (json.added_tokens !== undefined && !Array.isArray(json.added_tokens)) throw new Error('The tokenizer file\'s added_tokens must be an array.');
  // Without byte fallback, characters outside the vocabulary would become <unk> instead of SentencePiece's bytes.
  if (model.byte_fallback !== true) throw new Error('The tokenizer file does not use byte fallback (model.byte_fallback must be true, as in SentencePiece).');
  for (let b = 0; b < 256; b++) {
    const piece = `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
    if (model.vocab[piece] === undefined) throw new Error(`The tokenizer file has no byte-fallback piece ${piece}.`);
  }
  return json as TokenizerJson;
}
