/** A growing dictionary of string values: `code(value)` gives a value's index, adding it at the end when new. */
export interface ValueCoder {
  /** The values in code order (the initial ones first); grows as `code` meets new values. */
  values: string[];
  /** The value's code, adding the value when it has none yet. */
  code(value: string): number;
}

/** A dictionary that starts with `initial` (codes 0…n−1, in order) and grows as new values are coded. */
export function valueCoder(initial: readonly string[] = []): ValueCoder {
  const values = [...initial];
  const codeOf = new Map(values.map((v, i) => [v, i]));
  return {
    values,
    code(value) {
      let c = codeOf.get(value);
      if (c === undefined) {
        c = values.length;
        values.push(value);
        codeOf.set(value, c);
      }
      return c;
    },
  };
}
