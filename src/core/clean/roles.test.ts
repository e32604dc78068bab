import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFixtureCsv } from '../../../test/fixtures/clean/readCsv.ts';
import { inferColumnType } from './infer.ts';
import { NO_DATE_MESSAGE, NO_TEXT_COLUMN_MESSAGE, guessRoles, roleFromHeader, type RoleColumn } from './roles.ts';

function columnsOf(rows: string[][]): RoleColumn[] {
  const [header, ...body] = rows;
  return header!.map((name, i) => {
    const samples = body.map((row) => row[i] ?? '');
    return { name, samples, inference: inferColumnType({ name, samples }) };
  });
}

describe('roles of the shared fashion catalogue', () => {
  // A 39-row sample of the "Fashion Product Images (Small)" catalogue (Myntra products, published on
  // Kaggle by Param Aggarwal), copied from ../shared/data/fashion-products/styles.csv; see the fixture README.
  const rows = readFixtureCsv(readFileSync(new URL('../../../test/fixtures/clean/styles-sample.csv', import.meta.url), 'utf8'));
  const columns = columnsOf(rows);
  const mapping = guessRoles(columns);

  it('infers each column type', () => {
    expect(Object.fromEntries(columns.map((c) => [c.name, c.inference.type]))).toEqual({
      id: 'id',
      gender: 'category',
      masterCategory: 'category',
      subCategory: 'category',
      articleType: 'category',
      baseColour: 'category',
      season: 'category',
      year: 'date',
      usage: 'category',
      productDisplayName: 'text',
    });
  });

  it('guesses each column role', () => {
    expect(Object.fromEntries(mapping.columns.map((g) => [g.column, g.role]))).toEqual({
      id: 'id',
      gender: 'gender',
      masterCategory: 'category',
      subCategory: 'category',
      articleType: 'category',
      baseColour: 'colours',
      season: 'season',
      year: 'year',
      usage: 'styles',
      productDisplayName: 'text',
    });
  });

  it('chooses the product name as the item text and year + season as time', () => {
    expect(mapping.textColumn).toBe('productDisplayName');
    expect(mapping.time).toEqual({ kind: 'year-season', year: 'year', season: 'season' });
    expect(mapping.messages).toEqual([]);
  });

  it('is confident where header and cells agree', () => {
    const byColumn = new Map(mapping.columns.map((g) => [g.column, g]));
    expect(byColumn.get('baseColour')!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(byColumn.get('baseColour')!.reason).toBe("the header 'baseColour' says so and the cells are colour names");
    expect(byColumn.get('gender')!.confidence).toBeGreaterThanOrEqual(0.9);
  });
});

describe('roleFromHeader', () => {
  it.each([
    ['productDisplayName', 'text'], ['description', 'text'], ['Item Name', 'text'], ['描述', 'text'], ['名称', 'text'], ['商品名', 'text'],
    ['articleType', 'category'], ['masterCategory', 'category'], ['sub_category', 'category'], ['类别', 'category'], ['品类', 'category'],
    ['material', 'materials'], ['Fabric', 'materials'], ['材质', 'materials'], ['面料', 'materials'],
    ['baseColour', 'colours'], ['color', 'colours'], ['颜色', 'colours'],
    ['usage', 'styles'], ['style', 'styles'], ['风格', 'styles'],
    ['order_date', 'date'], ['日期', 'date'], ['时间', 'date'],
    ['year', 'year'], ['年份', 'year'], ['season', 'season'], ['季节', 'season'],
    ['region', 'region'], ['market', 'region'], ['country', 'region'], ['地区', 'region'], ['区域', 'region'],
    ['gender', 'gender'], ['sex', 'gender'], ['性别', 'gender'],
    ['qty', 'units'], ['units_sold', 'units'], ['sales', 'units'], ['销量', 'units'], ['数量', 'units'],
    ['price', 'price'], ['unit_price', 'price'], ['价格', 'price'],
    ['id', 'id'], ['productId', 'id'], ['SKU', 'id'], ['style_id', 'id'], ['编号', 'id'],
    ['tags', 'label'], ['brand', 'label'], ['image_url', 'ignore'], ['whatever', null],
    ['product', 'text'], ['Item', 'text'], ['product_type', 'category'], ['sku_name', 'text'], ['商品名称', 'text'],
    ['商品编号', 'id'], ['商品类别', 'category'], ['销售额', 'price'], ['季度', 'date'], ['季', 'season'], ['units_sold', 'units'],
  ])('%s → %s', (name, role) => {
    expect(roleFromHeader(name)).toBe(role);
  });
});

describe('guessRoles from content', () => {
  const column = (name: string, samples: string[]): RoleColumn => ({ name, samples, inference: inferColumnType({ name, samples }) });

  it('reads unnamed columns by their cells', () => {
    const mapping = guessRoles([
      column('a', ['Soft cotton tee with a crew neck', 'Slim dark-wash jeans', 'Wool blend winter coat', 'Linen summer shirt']),
      column('b', ['Men', 'Women', 'Women', 'Unisex']),
      column('c', ['Navy Blue', 'Black', 'light blue', 'Black']),
      column('d', ['2019-03-04', '2019-03-11', '2019-03-18', '2019-03-25']),
      column('e', ['casual|minimal', 'boho', 'street|casual', 'minimal']),
      column('f', ['Cotton', 'Denim', 'Wool blend', 'Linen']),
    ]);
    expect(mapping.columns.map((g) => g.role)).toEqual(['text', 'gender', 'colours', 'date', 'styles', 'materials']);
    expect(mapping.time).toEqual({ kind: 'date', column: 'd' });
  });

  it('finds dates under an empty header (the trend-series files)', () => {
    const mapping = guessRoles([column('', ['2015-01-05', '2015-01-12', '2015-01-19']), column('eu_female_top_1', ['0.1', '0.2', '0'])]);
    expect(mapping.time).toEqual({ kind: 'date', column: '' });
  });

  it('maps a name and a description both as item text, and no third text column', () => {
    const mapping = guessRoles([
      column('name', ['Blue Shirt Regular Fit', 'Black Jeans Slim Fit', 'Grey Wool Coat Long']),
      column('description', [
        'A regular-fit shirt in soft blue cotton with a button-down collar',
        'Slim black jeans in stretch denim with five pockets',
        'A long coat in grey wool with notch lapels',
      ]),
      column('title', ['Shirt, blue', 'Jeans, black', 'Coat, grey']),
    ]);
    expect(mapping.textColumn).toBe('description');
    expect(mapping.columns.map((g) => g.role)).toEqual(['text', 'text', 'label']);
    expect(mapping.columns[0]!.reason).toBe("the header 'name' says so and the cells are phrases of several words; read as the item's name, together with 'description'");
    expect(mapping.columns[2]!.reason).toBe("'description' describes the items better");
  });

  it('maps Product and Description of another shop\'s catalogue both as item text', () => {
    const mapping = guessRoles([
      column('SKU', ['WV-0001', 'WV-0002', 'WV-0003']),
      column('Product', ['Waves blouse', 'Summer pants (Saigon)', 'Linen shirt dress']),
      column('Description', ['Airy blouse with a wave print and puff sleeves', 'Wide-leg summer pants in light cotton, elastic waist', 'Midi shirt dress in washed linen with a tie belt']),
    ]);
    expect(mapping.columns.map((g) => g.role)).toEqual(['id', 'text', 'text']);
  });

  it('keeps one of two description columns', () => {
    const mapping = guessRoles([
      column('description', ['A regular-fit shirt in soft blue cotton with a button-down collar', 'Slim black jeans in stretch denim with five pockets', 'A long coat in grey wool']),
      column('details', ['Soft blue cotton shirt, button-down collar, regular fit, machine wash', 'Stretch denim jeans with five pockets, slim fit, mid rise', 'Grey wool coat, notch lapels, long']),
    ]);
    expect(mapping.columns.filter((g) => g.role === 'text')).toHaveLength(1);
  });

  it('falls back to the longest free text when no header names the item text', () => {
    const mapping = guessRoles([
      column('style', ['A relaxed linen shirt for warm days', 'Wide trousers in soft wool', 'A cropped denim jacket, washed blue']),
      column('gender', ['Men', 'Women', 'Women']),
    ]);
    expect(mapping.textColumn).toBe('style');
    expect(mapping.columns[0]).toEqual({
      column: 'style', role: 'text', confidence: 0.5, reason: 'the longest free text in the file; no header names the item text',
    });
  });

  it('says when there is no text column and no date', () => {
    const mapping = guessRoles([column('units', ['1', '2', '3']), column('gender', ['Men', 'Women', 'Men'])]);
    expect(mapping.textColumn).toBeNull();
    expect(mapping.time).toEqual({ kind: 'none' });
    expect(mapping.messages).toEqual([NO_TEXT_COLUMN_MESSAGE, NO_DATE_MESSAGE]);
  });

  it('drops a header role the cells contradict', () => {
    const mapping = guessRoles([column('price', ['cheap', 'expensive', 'cheap'])]);
    expect(mapping.columns[0]!.role).not.toBe('price');
  });

  it('works with Chinese headers', () => {
    const mapping = guessRoles([
      column('商品名称', ['纯棉白色短袖T恤', '修身深蓝色牛仔裤', '羊毛混纺灰色大衣']),
      column('颜色', ['白色', '深蓝', '灰色']),
      column('销量', ['12', '30', '7']),
      column('日期', ['2019年3月4日', '2019年3月11日', '2019年3月18日']),
    ]);
    expect(mapping.columns.map((g) => g.role)).toEqual(['text', 'colours', 'units', 'date']);
  });
});

describe('a code column whose codes read like seasons (issue 17)', () => {
  // SKUs such as "SS-2000" spell a fashion season and a year; they name items, not when they were sold.
  const skus = Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? 'AW' : 'SS'}-${2000 + i * 3}`);
  const years = Array.from({ length: 40 }, (_, i) => String(2021 + (i % 3)));
  const seasons = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'Summer' : 'Winter'));
  const names = Array.from({ length: 40 }, (_, i) => `Relaxed linen shirt number ${i}`);
  const rows = [['sku', 'name', 'year', 'season'], ...skus.map((sku, i) => [sku, names[i]!, years[i]!, seasons[i]!])];

  it('is an id, and year + season stay the time', () => {
    const mapping = guessRoles(columnsOf(rows));
    expect(mapping.columns.find((g) => g.column === 'sku')!.role).toBe('id');
    expect(mapping.time).toEqual({ kind: 'year-season', year: 'year', season: 'season' });
  });

  it('is not a date even without a code-like header, when its "seasons" spread over a century', () => {
    const mapping = guessRoles(columnsOf([['style', 'name'], ...skus.map((sku, i) => [sku, names[i]!])]));
    expect(mapping.columns.find((g) => g.column === 'style')!.role).not.toBe('date');
    expect(mapping.time).toEqual({ kind: 'none' });
  });

  it('still reads a column of seasons, one row per season, as time', () => {
    const periods = ['SS19', 'AW19', 'SS20', 'AW20', 'SS21', 'AW21', 'SS22', 'AW22', 'SS23', 'AW23', 'SS24', 'AW24'];
    const mapping = guessRoles(columnsOf([['season_code', 'units'], ...periods.map((p, i) => [p, String(100 + i)])]));
    expect(mapping.time).toEqual({ kind: 'date', column: 'season_code' });
  });
});
