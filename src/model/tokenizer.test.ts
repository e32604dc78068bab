import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LlamaBpeTokenizer } from './tokenizer.ts';

const tokenizerJson = JSON.parse(readFileSync(new URL('../../public/models/trendloom-classifier/tokenizer.json', import.meta.url), 'utf8'));
const golden = JSON.parse(readFileSync(new URL('../../test/fixtures/classifier/tokenizer-golden.json', import.meta.url), 'utf8')) as {
  cases: { text: string; ids: number[] }[];
};
const tokenizer = LlamaBpeTokenizer.fromJson(tokenizerJson);

describe('LlamaBpeTokenizer against the Python SentencePiece tokenizer', () => {
  it('covers 1,000 strings including Chinese and emoji', () => {
    expect(golden.cases).toHaveLength(1000);
    expect(golden.cases.some((c) => /[\u4e00-\u9fff]/.test(c.text))).toBe(true);
    expect(golden.cases.some((c) => /\p{Extended_Pictographic}/u.test(c.text))).toBe(true);
  });

  it('gives exactly the same ids as SentencePiece on every golden string', () => {
    const mismatches = golden.cases.filter((c) => JSON.stringify(tokenizer.encode(c.text)) !== JSON.stringify(c.ids));
    expect(mismatches.map((c) => c.text)).toEqual([]);
  });

  it('decodes back to the original text (byte fallback re-assembles UTF-8)', () => {
    const broken = golden.cases.filter((c) => tokenizer.decode(c.ids) !== c.text);
    expect(broken.map((c) => c.text)).toEqual([]);
  });

  it('uses byte pieces for characters outside the vocabulary', () => {
    const ids = tokenizer.encode('👗');
    expect(ids.map((id) => tokenizer.idToPiece(id))).toEqual(['▁', '<0xF0>', '<0x9F>', '<0x91>', '<0x97>']);
  });

  it('has Llama special ids and rejects a non-BPE file', () => {
    expect([tokenizer.unkId, tokenizer.bosId, tokenizer.eosId]).toEqual([0, 1, 2]);
    expect(tokenizer.encode('')).toEqual([]);
    expect(() => LlamaBpeTokenizer.fromJson({ model: { type: 'Unigram', vocab: [] } })).toThrow(/BPE/);
  });
});
