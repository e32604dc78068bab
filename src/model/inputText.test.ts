import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildInputText, joinNameAndDescription, lowerShoutedWords, MAX_DESCRIPTION_CHARS, splitTextColumns } from './inputText.ts';

describe('the model input text (as training/train_multi.py item_text writes it)', () => {
  it('marks the description after the name', () => {
    expect(buildInputText({ name: 'Waves blouse', description: 'A  loose blouse\nin crinkled viscose.' })).toBe(
      'Item: Waves blouse Details: A loose blouse in crinkled viscose.',
    );
  });

  it('writes a description alone as "Details: …" without the item prefix', () => {
    expect(buildInputText({ description: 'Soft leather ankle boots.' })).toBe('Details: Soft leather ankle boots.');
    expect(buildInputText(joinNameAndDescription('', 'Soft leather ankle boots.'))).toBe('Details: Soft leather ankle boots.');
  });

  it('wraps a name alone, and bare strings, with the template', () => {
    expect(buildInputText({ name: 'Rebecca' })).toBe('Item: Rebecca');
    expect(buildInputText('Satin slip dress')).toBe('Item: Satin slip dress');
    expect(buildInputText({ name: 'Tee', colors: 'Sage green', materials: 'cotton' })).toBe('Item: Tee Materials: cotton Colors: Sage green');
  });

  it('cuts long descriptions as training did', () => {
    const text = joinNameAndDescription('Coat', 'x'.repeat(2000));
    expect(text).toBe(`Coat Details: ${'x'.repeat(MAX_DESCRIPTION_CHARS)}`);
  });
});

describe('splitTextColumns', () => {
  it('takes headers that say description, and long cells, as descriptions', () => {
    expect(splitTextColumns([{ name: 'Product', meanChars: 18 }, { name: 'Description', meanChars: 40 }])).toEqual({ names: ['Product'], descriptions: ['Description'] });
    expect(splitTextColumns([{ name: 'title', meanChars: 20 }, { name: 'text', meanChars: 240 }])).toEqual({ names: ['title'], descriptions: ['text'] });
    expect(splitTextColumns([{ name: '商品名', meanChars: 12 }, { name: '商品详情', meanChars: 30 }])).toEqual({ names: ['商品名'], descriptions: ['商品详情'] });
  });

  it('keeps one short column as the name and takes the shortest as the name when all are long', () => {
    expect(splitTextColumns([{ name: 'name', meanChars: 25 }])).toEqual({ names: ['name'], descriptions: [] });
    expect(splitTextColumns([{ name: 'long description', meanChars: 300 }, { name: 'summary', meanChars: 90 }])).toEqual({ names: ['summary'], descriptions: ['long description'] });
    expect(splitTextColumns([{ name: 'description', meanChars: 300 }])).toEqual({ names: [], descriptions: ['description'] });
  });

  it('reads a long name or title column as names, up to 200 characters a cell', () => {
    expect(splitTextColumns([{ name: 'name', meanChars: 95 }])).toEqual({ names: ['name'], descriptions: [] });
    expect(splitTextColumns([{ name: 'Product title', meanChars: 150 }, { name: 'Details', meanChars: 400 }])).toEqual({ names: ['Product title'], descriptions: ['Details'] });
    expect(splitTextColumns([{ name: '商品标题', meanChars: 80 }])).toEqual({ names: ['商品标题'], descriptions: [] });
    // Paragraphs under a name header, a long column with another header, and a description header stay descriptions.
    expect(splitTextColumns([{ name: 'name', meanChars: 240 }])).toEqual({ names: [], descriptions: ['name'] });
    expect(splitTextColumns([{ name: 'text', meanChars: 95 }])).toEqual({ names: [], descriptions: ['text'] });
    expect(splitTextColumns([{ name: 'product description', meanChars: 95 }])).toEqual({ names: [], descriptions: ['product description'] });
  });
});

describe('words written in capitals (as training/casing.py)', () => {
  const cases = JSON.parse(readFileSync('test/fixtures/classifier/casing-cases.json', 'utf8')).cases as [string, string][];

  it('gives the shared cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const [text, expected] of cases) expect(lowerShoutedWords(text), text).toBe(expected);
  });

  it('reaches the model input: a shouted name is read in lower case, the template and markers stay', () => {
    expect(buildInputText({ name: 'POLKA DOT SHIRT', description: 'Lapel collar SHIRT with long sleeves.' })).toBe(
      'Item: polka dot shirt Details: Lapel collar shirt with long sleeves.',
    );
    expect(buildInputText('Nike Men Black T-shirt')).toBe('Item: Nike Men Black T-shirt');
  });
});
