import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToFloat32, bytesToBase64, float32ToBase64 } from './base64.ts';
import { readCsvRows, writeCsvRows } from '../csv/textRows.ts';
import { l2Normalize, sparseCounts, sparseDot } from './sparse.ts';
import { rewriteAsDescription } from './rewrite.ts';
import { fitIdf, fitVocabulary, hashString, hashedCounts, sumSparse, termBlocks, textTerms, tfidf, tfidfBlocks, tokenize, vocabularyBlockCounts, vocabularyCounts } from './text.ts';

describe('text features', () => {
  it('tokenises into lower-case words without accents', () => {
    expect(tokenize("Café Noir T-Shirt, Men's 2-pack")).toEqual(['cafe', 'noir', 't', 'shirt', 'men', 's', '2', 'pack']);
    expect(tokenize('  ')).toEqual([]);
  });
  it('makes word n-grams and space-padded char n-grams', () => {
    expect(textTerms('Red Top', { word: [1, 2], char: [3, 3] })).toEqual(['w:red', 'w:top', 'w:red top', 'c: re', 'c:red', 'c:ed ', 'c: to', 'c:top', 'c:op ']);
    // A padded word no longer than n appears once, whole.
    expect(textTerms('a', { word: [1, 1], char: [3, 5] })).toEqual(['w:a', 'c: a ']);
    expect(textTerms('ab', { word: [2, 2], char: [3, 5] })).toEqual(['c: ab', 'c:ab ', 'c: ab ']);
  });
  it('hashes deterministically, and differently per seed', () => {
    expect(hashString('w:shirt', 1)).toBe(hashString('w:shirt', 1));
    expect(hashString('w:shirt', 1)).not.toBe(hashString('w:shirt', 2));
    expect(hashString('w:shirt', 1)).not.toBe(hashString('w:shirts', 1));
    const v = hashedCounts('red red', 8, 3, { word: [1, 1], char: null });
    expect([...v.indices]).toEqual([hashString('w:red', 3) & 255]);
    expect([...v.values]).toEqual([2]);
  });
  it('weights by smoothed idf and sublinear tf, then L2-normalises', () => {
    const docs = [sparseCounts([0, 1, 1]), sparseCounts([0])];
    const idf = fitIdf(docs, 3);
    expect(idf[0]).toBeCloseTo(1, 6);
    expect(idf[1]).toBeCloseTo(Math.log(3 / 2) + 1, 6);
    expect(idf[2]).toBeCloseTo(Math.log(3) + 1, 6);
    const v = tfidf(docs[0]!, idf);
    const a = 1;
    const b = (1 + Math.log(2)) * (Math.log(1.5) + 1);
    const norm = Math.hypot(a, b);
    expect(v.values[0]).toBeCloseTo(a / norm, 6);
    expect(v.values[1]).toBeCloseTo(b / norm, 6);
    expect(sparseDot(v, [1, 1, 1])).toBeCloseTo((a + b) / norm, 6);
    expect(l2Normalize(sparseCounts([])).values.length).toBe(0);
    // Column 2 is in no document: the largest idf (above), or 0 when asked; the other columns unchanged.
    const dropped = fitIdf(docs, 3, true);
    expect([...dropped]).toEqual([idf[0], idf[1], 0]);
  });
  it('fits a vocabulary with a minimum document frequency', () => {
    const vocab = fitVocabulary(['red top', 'red dress'], { word: [1, 1], char: null }, 2);
    expect([...vocab.index.keys()]).toEqual(['w:red']);
    expect([...vocabularyCounts('red red shoe', vocab).values]).toEqual([2]);
  });
});

describe('blocks', () => {
  it('splits terms into word and character blocks', () => {
    expect(termBlocks('Red', { word: [1, 1], char: [4, 4] })).toEqual([['w:red'], ['c: red', 'c:red ']]);
  });
  it('normalises each block on its own, then sums them', () => {
    const idf = new Float32Array([1, 1, 1]);
    const v = tfidfBlocks([sparseCounts([0]), sparseCounts([1, 2])], idf);
    expect([...v.indices]).toEqual([0, 1, 2]);
    expect(v.values[0]).toBeCloseTo(1, 6);
    expect(v.values[1]).toBeCloseTo(Math.SQRT1_2, 6);
    // Overlapping indices add up.
    expect([...sumSparse([sparseCounts([1]), sparseCounts([1, 2])]).values]).toEqual([2, 1]);
  });
  it('counts vocabulary terms per block', () => {
    const vocab = fitVocabulary(['red top'], { word: [1, 1], char: [3, 3] });
    const [words, chars] = vocabularyBlockCounts('red red', vocab);
    expect([...words!.values]).toEqual([2]);
    expect(chars!.values.length).toBe(3);
  });
});

describe('rewriteAsDescription', () => {
  it('drops brand and gender word, swaps synonyms, and is deterministic', () => {
    const out = rewriteAsDescription('Nike Men Navy Blue Tshirt');
    expect(out).toBe(rewriteAsDescription('Nike Men Navy Blue Tshirt'));
    expect(out).toMatch(/navy tee/i);
    expect(out).toMatch(/men/);
    expect(out).not.toMatch(/nike|blue|tshirt/i);
    expect(rewriteAsDescription('Lakme Absolute Lip Gloss')).toMatch(/absolute lip gloss/i);
  });
});

describe('base64', () => {
  it('encodes bytes as standard base64', () => {
    const enc = (s: string) => bytesToBase64(new TextEncoder().encode(s));
    expect([enc('Man'), enc('Ma'), enc('M'), enc('')]).toEqual(['TWFu', 'TWE=', 'TQ==', '']);
    expect(new TextDecoder().decode(base64ToBytes('TWE='))).toBe('Ma');
    expect(() => base64ToBytes('TW$u')).toThrow(/unexpected '\$'/);
  });
  it('round-trips Float32 values bit for bit', () => {
    const values = new Float32Array([0, -0, 1.5, -3.25e-39, 3.4e38, Math.PI, NaN, Infinity]);
    const back = base64ToFloat32(float32ToBase64(values));
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(values.buffer));
  });
});

describe('csv rows', () => {
  it('reads quoted fields and writes them back', () => {
    const text = '\ufeffname,label\r\n"Top, red","a|b"\n"Say ""hi""",\n';
    const table = readCsvRows(text);
    expect(table).toEqual({ columns: ['name', 'label'], rows: [['Top, red', 'a|b'], ['Say "hi"', '']] });
    expect(readCsvRows(writeCsvRows(table))).toEqual(table);
  });
});
