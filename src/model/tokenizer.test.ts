import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LlamaTokenizer } from './tokenizer.ts';

const modelFile = (name: string) => JSON.parse(readFileSync(new URL(`../../public/models/trendloom-classifier/${name}`, import.meta.url), 'utf8'));
const tokenizerJson = modelFile('tokenizer.json');
const tokenizerConfig = modelFile('tokenizer_config.json');
const golden = JSON.parse(readFileSync(new URL('../../test/fixtures/classifier/tokenizer-golden.json', import.meta.url), 'utf8')) as {
  cases: { text: string; ids: number[] }[];
};
const tokenizer = LlamaTokenizer.fromJson(tokenizerJson, tokenizerConfig);
const pieces = (text: string) => tokenizer.encode(text).map((id) => tokenizer.idToPiece(id));

describe('LlamaTokenizer (@huggingface/tokenizers) against the Python SentencePiece tokenizer', () => {
  it('covers 1,000 strings including Chinese and emoji', () => {
    expect(golden.cases).toHaveLength(1000);
    expect(golden.cases.some((c) => /[\u4e00-\u9fff]/.test(c.text))).toBe(true);
    expect(golden.cases.some((c) => /\p{Extended_Pictographic}/u.test(c.text))).toBe(true);
  });

  it('gives exactly the same ids as SentencePiece on every golden string', () => {
    const mismatches = golden.cases.filter((c) => JSON.stringify(tokenizer.encode(c.text)) !== JSON.stringify(c.ids));
    expect(mismatches.map((c) => c.text)).toEqual([]);
    // Loading without tokenizer_config.json (as the app does) gives the same ids.
    const bare = LlamaTokenizer.fromJson(tokenizerJson);
    expect(golden.cases.filter((c) => JSON.stringify(bare.encode(c.text)) !== JSON.stringify(c.ids))).toEqual([]);
  });

  it('decodes back to the original text (byte fallback re-assembles UTF-8)', () => {
    const broken = golden.cases.filter((c) => tokenizer.decode(c.ids) !== c.text);
    expect(broken.map((c) => c.text)).toEqual([]);
    expect(tokenizer.decode([tokenizer.bosId, ...tokenizer.encode('Navy  shirt 👗'), tokenizer.eosId])).toBe('Navy  shirt 👗');
    expect(tokenizer.decode([])).toBe('');
    expect(tokenizer.decode([tokenizer.bosId, tokenizer.eosId])).toBe('');
    // Known library quirk (its byte fallback decodes each byte run with a default TextDecoder): a U+FEFF
    // starting a byte run is dropped, where SentencePiece keeps it. The ids are SentencePiece's.
    expect(tokenizer.decode(tokenizer.encode('\ufeffbom'))).toBe('bom');
  });

  it('uses byte pieces for characters outside the vocabulary', () => {
    expect(pieces('👗')).toEqual(['▁', '<0xF0>', '<0x9F>', '<0x91>', '<0x97>']);
    expect(tokenizer.encode('👗')).toEqual([3775, 243, 162, 148, 154]);
    expect(pieces('Item: 龘')).toEqual(['▁Item', ':', '▁', '<0xE9>', '<0xBE>', '<0x98>']);
    // Common Chinese characters are pieces of their own since the tokenizer trained on Chinese items.
    expect(pieces('Item: 红')).toEqual(['▁Item', ':', '▁', '红']);
  });

  it('reads <s>, </s> and <unk> typed in text as characters, as SentencePiece does', () => {
    expect(pieces('<unk>')).toEqual(['▁', '<0x3C>', 'unk', '<0x3E>']);
    for (const text of ['<s>', 'a </s> b', '<unk>']) {
      expect(tokenizer.encode(text).some((id) => tokenizer.isSpecial(id))).toBe(false);
      expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    }
  });

  it('has Llama special ids and never adds them itself', () => {
    expect([tokenizer.unkId, tokenizer.bosId, tokenizer.eosId, tokenizer.vocabSize]).toEqual([0, 1, 2, 4000]);
    expect([0, 1, 2, 3].map((id) => tokenizer.isSpecial(id))).toEqual([true, true, true, false]);
    expect(tokenizer.idToPiece(1)).toBe('<s>');
    expect(tokenizer.encode('')).toEqual([]);
    expect(tokenizer.encode('Item: x')).toEqual([264, 3794, 686]);
    expect(() => tokenizer.idToPiece(4000)).toThrow(RangeError);
    expect(() => tokenizer.decode([5, -1])).toThrow(/outside the vocabulary/);
  });

  it('rejects malformed files with a readable error', () => {
    expect(() => LlamaTokenizer.fromJson(null)).toThrow(/not a JSON object/);
    expect(() => LlamaTokenizer.fromJson({ model: { type: 'Unigram', vocab: [] } })).toThrow(/not a BPE tokenizer\.json.*"Unigram"/);
    const model = tokenizerJson.model;
    expect(() => LlamaTokenizer.fromJson({ ...tokenizerJson, model: { ...model, merges: undefined } })).toThrow(/no merges list/);
    expect(() => LlamaTokenizer.fromJson({ ...tokenizerJson, model: { ...model, byte_fallback: false } })).toThrow(/byte fallback/);
    const { '<0x9F>': _dropped, ...vocab } = model.vocab;
    expect(() => LlamaTokenizer.fromJson({ ...tokenizerJson, model: { ...model, vocab } })).toThrow(/no byte-fallback piece <0x9F>/);
    const { decoder: _decoder, ...noDecoder } = tokenizerJson;
    expect(() => LlamaTokenizer.fromJson(noDecoder)).toThrow(/could not be read: .*"decoder"/);
    expect(() => LlamaTokenizer.fromJson(tokenizerJson, { bos_token: '<bos>' })).toThrow(/no "<bos>" token/);
  });
});
