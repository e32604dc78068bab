import { readFileSync } from 'node:fs';
import { englishText } from '../messages.ts';
import { describe, expect, it } from 'vitest';
import { bytesSource, intake, type IntakeOptions, type IntakeResult } from './intake.ts';
import { IntakeError } from './errors.ts';

const enc = new TextEncoder();

function read(text: string | Uint8Array, name = 'file.csv', options: IntakeOptions = {}, chunkSize = 7): Promise<IntakeResult> {
  return intake(bytesSource(typeof text === 'string' ? enc.encode(text) : text, name, chunkSize), options);
}

async function failure(text: string | Uint8Array, name = 'file.csv', options: IntakeOptions = {}): Promise<IntakeError> {
  try {
    await read(text, name, options);
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error('expected an IntakeError');
}

function column(result: IntakeResult, name: string): unknown[] {
  return Array.from(result.table.getChild(name)!, (value) => (value && typeof value === 'object' && 'toArray' in value ? Array.from(value as Iterable<unknown>) : value));
}

const CATALOGUE = 'sku,description,colour,price,launch_date\n';

describe('intake: malformed CSV cases', () => {
  const cases: { title: string; body: string; rows: number; problems: [number, string | null, RegExp][] }[] = [
    { title: 'a row with too few values', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01\nA2,Linen dress\nA3,Wool coat,Camel,180,2019-10-01\n', rows: 2, problems: [[3, null, /has 2 values but the file has 5 columns/]] },
    { title: 'a row with too many values', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01,extra\nA2,Linen dress,Sand,60,2019-04-01\n', rows: 1, problems: [[2, null, /has 6 values but the file has 5 columns.*needs quotes/]] },
    { title: 'extra empty values at the end are kept', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01,,\nA2,Linen dress,Sand,60,2019-04-01\n', rows: 2, problems: [] },
    { title: 'a bad number', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01\nA2,Linen dress,Sand,sixty,2019-04-01\nA3,Wool coat,Camel,180,2019-10-01\n' + 'A4,Tee,White,12,2019-05-01\n'.repeat(30), rows: 33, problems: [[3, 'price', /'sixty' is not a number.*left empty/i]] },
    { title: 'numbers past the largest double (1e309, -1e400, 400 digits)', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01\nA2,Linen dress,Sand,1e309,2019-04-01\nA3,Wool coat,Camel,-1e400,2019-10-01\n' + `A5,Scarf,Red,${'9'.repeat(400)},2019-10-01\n` + 'A4,Tee,White,12,2019-05-01\n'.repeat(30), rows: 34, problems: [[3, 'price', /^'1e309' is too large a number to work with; the cell was left empty/], [4, 'price', /^'-1e400' is too large a number/], [5, 'price', /too large a number/]] },
    { title: 'year 0 and a 30th of February', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01\nA2,Linen dress,Sand,60,0000-01-01\nA3,Wool coat,Camel,180,2019-02-30\n' + 'A4,Tee,White,12,2019-05-01\n'.repeat(30), rows: 33, problems: [[3, 'launch_date', /^'0000-01-01' is not a real date: 0 is not a plausible year; the cell was left empty/], [4, 'launch_date', /^'2019-02-30' is not a real date: February 2019 has only 28 days; the cell was left empty/]] },
    { title: 'a bad date', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01\nA2,Linen dress,Sand,60,2019-02-31\n' + 'A4,Tee,White,12,2019-05-01\n'.repeat(30), rows: 32, problems: [[3, 'launch_date', /2019-02-31.*left empty/]] },
    { title: 'an unclosed quote at the end', body: 'A1,Silk shirt,Ivory,49.5,2019-03-01\nA2,"Linen dress,Sand,60,2019-04-01\nA3,Wool coat,Camel,180,2019-10-01\n', rows: 1, problems: [[3, 'description', /never closed.*left out/]] },
    { title: 'a quoted line break keeps the record on its first line', body: 'A1,"Silk\nshirt",Ivory,49.5,2019-03-01\nA2,Linen dress,Sand,60\n', rows: 1, problems: [[4, null, /has 4 values/]] },
  ];
  for (const { title, body, rows, problems } of cases) {
    it(title, async () => {
      const result = await read(CATALOGUE + body);
      expect(result.stats.rows).toBe(rows);
      expect(result.problems.map((p) => [p.line, p.column])).toEqual(problems.map(([line, col]) => [line, col]));
      problems.forEach(([, , message], i) => expect(result.problems[i]!.message).toMatch(message));
      // Totals add up: every record is a row in the table or a rejected row with a problem.
      expect(result.stats.rows + result.stats.rejectedRows).toBe(result.stats.records);
      expect(result.table.numRows).toBe(result.stats.rows);
    });
  }

  it('stops at the row cap with a note saying how much was read', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `A${i},Relaxed linen shirt number ${i},Ivory,49.5,2019-03-01`).join('\n');
    const result = await read(CATALOGUE + body, 'big.csv', { maxRows: 10 });
    expect(result.stats).toMatchObject({ rows: 10, truncated: true });
    expect(result.notes.map(englishText).join(' ')).toMatch(/very large: the first 10 rows were loaded \(.* read of .*\); the rest was not read/);
  });

  it('counts only the records read under the row cap, so the totals add up', async () => {
    const body = Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? 'ragged,row' : i % 9 === 6 ? '' : `A${i},Relaxed linen shirt number ${i},Ivory,49.5,2019-03-01`)).join('\n');
    for (const maxRows of [0, 1, 10]) {
      // (One big chunk: the scanner reads well past the cap before the parse stops.)
      const result = await read(CATALOGUE + body, 'big.csv', { maxRows }, 1 << 16);
      expect(result.stats).toMatchObject({ rows: maxRows, truncated: true });
      expect(result.stats.rows + result.stats.rejectedRows).toBe(result.stats.records);
    }
  });

  it('skips blank lines without counting them as records', async () => {
    const result = await read(CATALOGUE + '\nA1,Silk shirt,Ivory,49.5,2019-03-01\n\n\nA2,Linen dress,Sand,60,2019-04-01\n\n');
    expect(result.stats).toMatchObject({ rows: 2, records: 2, rejectedRows: 0, blankLines: 4 });
  });
});

describe('intake: files that are not tables', () => {
  it.each([
    ['empty-file', new Uint8Array(0), 'shirts.csv', /empty/],
    ['image-file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]), 'catalogue.csv', /picture, not a table.*catalogue\.csv/],
    ['excel-file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, ...enc.encode('[Content_Types].xml xl/workbook.xml')]), 'catalogue.xlsx', /Excel workbook.*export it as CSV/],
    ['zip-file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, ...enc.encode('data/catalogue.csv')]), 'catalogue.zip', /zip file: unzip it first/],
    ['excel-file', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls', /Excel \(\.xls\) file/],
    ['pdf-file', enc.encode('%PDF-1.7\n'), 'lookbook.csv', /PDF/],
    ['binary-file', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 'garbage.csv', /does not contain text/],
  ] as const)('%s', async (code, bytes, name, message) => {
    const error = await failure(bytes as Uint8Array, name);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('a header-only file', async () => {
    const error = await failure('description,colour,season\n');
    expect(error.code).toBe('header-only');
    expect(error.message).toMatch(/column names \(description, colour, season\) but no rows/);
  });

  it('a file with only blank lines', async () => {
    expect((await failure('\n\r\n\n')).code).toBe('empty-file');
  });

  // Whitespace-only lines used to read as "column names (column 1) but no rows" or as rows of empty cells.
  it.each([
    ['one line of spaces', '   \n'],
    ['spaces with no line end', '   '],
    ['several lines of spaces', ' \n \n  \n'],
    ['a tab line (sniffed as the delimiter)', '\t\n'],
    ['spaces and tabs with CRLF', '  \r\n\t \r\n'],
    ['no-break spaces', '\u00a0 \n\u00a0\n'],
    ['spaces in UTF-16', Uint8Array.from([0xff, 0xfe, 0x20, 0, 0x20, 0, 0x0a, 0, 0x20, 0, 0x0a, 0])],
  ] as const)('a file of whitespace-only lines is blank: %s', async (_, body) => {
    const error = await failure(body as string | Uint8Array);
    expect(error.code).toBe('empty-file');
    expect(error.message).toBe('This file has no rows: it holds only blank lines or spaces.');
  });

  it.each([
    ['a header with space-only rows', 'description,colour\n   \n  \n', 2],
    ['quoted space cells', '" "\n" "\n', 2],
  ] as const)('whitespace with something else is not blank: %s', async (_, body, records) => {
    expect((await read(body)).stats.records).toBe(records);
  });

  it('a file with no text column cannot be labelled', async () => {
    const error = await failure('week,units\n2019-01-07,12\n2019-01-14,15\n');
    expect(error.code).toBe('no-text-column');
    expect(error.message).toMatch(/cannot label them.*Columns found: week, units/);
  });

  it('no date column is a note, not an error', async () => {
    const result = await read('description,colour\nRelaxed shirt with rolled sleeves,Ivory\nWrap dress with a tie waist,Sand\nCropped jacket with patch pockets,Navy\n');
    expect(result.dateColumn).toBeNull();
    expect(result.notes.map(englishText).join(' ')).toMatch(/no dates in this file.*no trends over time or forecasts.*Labelling the items still works/);
  });
});

describe('intake: encodings, delimiters, headers', () => {
  const text = 'description;colour;price\nCafé crème blouse;Écru;49,90\nNaïve tee;Noir;12,00\n';
  const expectRows = (result: IntakeResult) => {
    expect(result.stats.delimiter).toBe(';');
    expect(column(result, 'description')).toEqual(['Café crème blouse', 'Naïve tee']);
    expect(column(result, 'price')).toEqual([49.9, 12]);
  };

  it('UTF-8 with and without BOM', async () => {
    expectRows(await read(text));
    const bom = await read(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]));
    expectRows(bom);
    expect(bom.columns[0]!.name).toBe('description');
  });

  it('UTF-16 LE and BE with BOM', async () => {
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      le[2 + 2 * i] = code & 0xff;
      le[3 + 2 * i] = code >> 8;
      be[2 + 2 * i] = code >> 8;
      be[3 + 2 * i] = code & 0xff;
    }
    const a = await read(le);
    expectRows(a);
    expect(a.stats.encoding).toBe('utf-16le');
    expect((await read(be)).stats.encoding).toBe('utf-16be');
  });

  it('Windows-1252 when the bytes are not UTF-8, with a note', async () => {
    const bytes = Uint8Array.from(text.replace('crème', 'crème €'), (c) => (c === '€' ? 0x80 : c.charCodeAt(0)));
    const result = await read(bytes);
    expect(result.stats.encoding).toBe('windows-1252');
    expect(column(result, 'description')[0]).toBe('Café crème € blouse');
    expect(result.notes.map(englishText).join(' ')).toMatch(/Windows-1252/);
  });

  it.each([
    [',', 'a,b\n1,"x,y"\n2,z\n'],
    ['\t', 'a\tb\n1\tx,y\n2\tz\n'],
    ['|', 'a|b\n1|x,y\n2|z\n'],
    [';', 'a;b\n1;x,y\n2;z\n'],
  ])('sniffs the delimiter %j', async (delimiter, body) => {
    const result = await read(body.replace(/^a/, 'description'), 'f.csv', { requireText: false });
    expect(result.stats.delimiter).toBe(delimiter);
    expect(column(result, 'b')).toEqual(['x,y', 'z']);
  });

  it('detects a file without a header and names the columns', async () => {
    const result = await read('1,Silk shirt,49.5\n2,Linen dress,60\n3,Wool coat,180\n');
    expect(result.stats.header).toBe(false);
    expect(result.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect(result.stats.rows).toBe(3);
  });

  it('obeys delimiter, header and role overrides', async () => {
    const body = 'name|tags\nRelaxed shirt with rolled sleeves|casual;minimal\nWrap dress with a tie waist|romantic;boho\nCropped jacket|street\n';
    const result = await read(body, 'f.csv', { delimiter: '|', header: true, roles: { tags: 'styles', name: 'text' } });
    expect(result.stats.delimiter).toBe('|');
    expect(result.columns.map((c) => [c.name, c.type, c.role])).toEqual([['name', 'text', 'text'], ['tags', 'multi-label', 'styles']]);
    expect(column(result, 'tags')).toEqual([['casual', 'minimal'], ['romantic', 'boho'], ['street']]);
  });
});

describe('intake: typed columns and roles', () => {
  it('reads the shared catalogue sample (styles.csv) with a derived date from year + season', async () => {
    const bytes = readFileSync(new URL('../../../test/fixtures/intake/styles-sample.csv', import.meta.url));
    const result = await read(new Uint8Array(bytes), 'styles.csv', {}, 1 << 20);
    expect(result.stats).toMatchObject({ rows: 47, records: 47, rejectedRows: 0, badCells: 0, delimiter: ',', header: true, encoding: 'utf-8' });
    expect(result.columns.map((c) => [c.name, c.type, c.role])).toEqual([
      ['id', 'id', 'id'],
      ['gender', 'category', 'gender'],
      ['masterCategory', 'category', 'category'],
      ['subCategory', 'category', 'category'],
      ['articleType', 'category', 'category'],
      ['baseColour', 'category', 'colours'],
      ['season', 'category', 'season'],
      ['year', 'date', 'year'],
      ['usage', 'category', 'styles'],
      ['productDisplayName', 'text', 'text'],
      ['date (year + season)', 'date', 'date'],
    ]);
    expect(String(result.table.getChild('gender')!.type)).toBe('Dictionary<Int32, Utf8>');
    expect(String(result.table.getChild('id')!.type)).toBe('Int32');
    const first = result.table.get(0)!.toJSON();
    expect(first).toMatchObject({ id: 15970, gender: 'Men', season: 'Fall', year: Date.UTC(2011, 0, 1), productDisplayName: 'Turtle Check Men Navy Blue Shirt' });
    expect(result.dateColumn).toBe('date (year + season)');
    expect(first['date (year + season)']).toBe(Date.UTC(2011, 9, 15)); // Fall 2011 → mid-October
    expect(column(result, 'productDisplayName')[40]).toBe('Boss Men Perfume, After Shave Balm and Shower Gel Set');
    // Empty season/usage cells are missing, not invented.
    expect(column(result, 'season')[43]).toBeNull();
    expect(column(result, 'usage')[46]).toBeNull();
    expect(result.notes.map(englishText).join(' ')).toMatch(/dates were made from "year" and "season"/);
  });

  it('southern hemisphere moves season dates', async () => {
    const result = await read('name,year,season\nSilk shirt,2019,Summer\nCoat,2019,Winter\n', 'f.csv', { hemisphere: 'south' });
    expect(column(result, 'date (year + season)')).toEqual([Date.UTC(2019, 11, 15), Date.UTC(2019, 6, 15)]);
  });

  it('guesses roles from Chinese headers', async () => {
    const result = await read('描述,类别,材质,颜色,风格,日期,地区,销量\n宽松休闲连衣裙配腰带,连衣裙,真丝,米白,简约,2019-03-01,华东,12\n经典款双排扣风衣外套,外套,羊毛,驼色,通勤,2019-10-01,华北,7\n'.replace(/\n$/, '\n' + '修身高腰阔腿长裤子,裤子,棉,黑色,休闲,2019-05-01,华南,3\n'));
    expect(result.columns.map((c) => c.role)).toEqual(['text', 'category', 'materials', 'colours', 'styles', 'date', 'region', 'units']);
    expect(column(result, '日期')).toEqual([Date.UTC(2019, 2, 1), Date.UTC(2019, 9, 1), Date.UTC(2019, 4, 1)]);
  });

  it('splits multi-label cells into lists', async () => {
    const result = await read('description,styles\nSilk shirt,casual|minimal\nCoat,formal\nDress,\nTee, street | casual \n');
    expect(result.columns[1]).toMatchObject({ type: 'multi-label', arrowType: 'List<Utf8>' });
    expect(column(result, 'styles')).toEqual([['casual', 'minimal'], ['formal'], null, ['street', 'casual']]);
  });
});
