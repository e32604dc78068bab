/** The shipped classifier's `config.json` (a Llama config plus the heads' labels and input format). */
export interface ClassifierConfig {
  /** Vocabulary size of the tied embedding / LM head. */
  vocab_size: number;
  /** Hidden size (also the length of the `embedding` output). */
  hidden_size: number;
  /** Longest input in tokens, `<s>` and `</s>` included. */
  max_length: number;
  /** `<s>` id. */
  bos_token_id: number;
  /** `</s>` id. */
  eos_token_id: number;
  /** Id written into padding positions (they are masked anyway). */
  pad_token_id: number;
  /** Heads in output order. */
  head_order: string[];
  /** Per head: class index (as a string) → label. */
  heads: Record<string, { id2label: Record<string, string> }>;
  /** How item text is wrapped, e.g. `Item: {text}`. */
  input_template: string;
  /** ONNX file layout and names. */
  onnx: { inputs: string[]; outputs: string[]; model_file: string; model_file_webgpu?: string };
}

/** Checks a parsed `config.json` and returns it typed; throws a readable error when it is not one. */
export function parseClassifierConfig(json: unknown): ClassifierConfig {
  const c = json as Partial<ClassifierConfig> | null;
  const missing = ['vocab_size', 'hidden_size', 'max_length', 'head_order', 'heads', 'input_template', 'onnx'].filter(
    (key) => !c || (c as Record<string, unknown>)[key] === undefined,
  );
  if (missing.length) throw new Error(`The classifier config.json is incomplete (missing ${missing.join(', ')}).`);
  const config = c as ClassifierConfig;
  for (const head of config.head_order) {
    if (!config.heads[head]) throw new Error(`The classifier config.json has no labels for head "${head}".`);
  }
  return config;
}

/** The labels of one head in class-index order. */
export function headLabels(config: ClassifierConfig, head: string): string[] {
  const id2label = config.heads[head]?.id2label;
  if (!id2label) throw new Error(`Unknown classifier head "${head}".`);
  const labels: string[] = [];
  for (const [index, label] of Object.entries(id2label)) labels[Number(index)] = label;
  return labels;
}
