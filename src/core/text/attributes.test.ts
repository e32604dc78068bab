import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_TERMS, attributeNameZh, extractAttributeColumns, findAttributes } from './attributes.ts';

describe('findAttributes', () => {
  it('finds materials, colours and patterns in English descriptions', () => {
    expect(findAttributes('Linen-blend striped shirt in navy blue, 100% cotton lining')).toEqual({ materials: ['linen', 'cotton'], colours: ['navy'], patterns: ['striped'] });
    expect(findAttributes('Cashmere & WOOL jumper, camel')).toEqual({ materials: ['cashmere', 'wool'], colours: ['camel'], patterns: [] });
    expect(findAttributes('Suede chelsea boots').materials).toEqual(['suede']);
    expect(findAttributes('Floral print chiffon midi dress').patterns).toEqual(['floral', 'printed']);
    expect(findAttributes('Floral print chiffon midi dress').materials).toEqual(['chiffon']);
  });

  it('takes plurals, hyphens, spaces and case', () => {
    expect(findAttributes('Blue and white stripes').patterns).toEqual(['striped']);
    expect(findAttributes('Polka-dot blouse').patterns).toEqual(['polka dot']);
    expect(findAttributes('polka dots everywhere').patterns).toEqual(['polka dot']);
    expect(findAttributes('TIE DYE hoodie').patterns).toEqual(['tie-dye']);
    expect(findAttributes('tie-dyed tee').patterns).toEqual(['tie-dye']);
    expect(findAttributes('Off-white canvas sneakers').colours).toEqual(['cream']);
    expect(findAttributes('Off-white canvas sneakers').materials).toEqual(['canvas']);
    expect(findAttributes('wools and linens').materials).toEqual(['wool', 'linen']);
  });

  it('matches whole English words only', () => {
    // "silky" describes a feel, not the fibre; the others hold a word of the vocabulary inside another word.
    expect(findAttributes('Silky smooth cottontail bunny ears, golden hour').materials).toEqual([]);
    expect(findAttributes('Silky smooth cottontail bunny ears, golden hour').colours).toEqual([]);
    expect(findAttributes('Redwood sandals with woolly feel').colours).toEqual([]);
    expect(findAttributes('Redwood sandals with woolly feel').materials).toEqual([]);
    expect(findAttributes('Lace-up leather boots with spare laces').materials).toEqual(['leather']);
    expect(findAttributes('Lace trim camisole').materials).toEqual(['lace']);
    expect(findAttributes('Leatherette tote').materials).toEqual(['faux leather']);
    expect(findAttributes('Faux leather jacket').materials).toEqual(['faux leather']);
  });

  it('prefers the longest phrase', () => {
    expect(findAttributes('Navy blue blazer').colours).toEqual(['navy']);
    expect(findAttributes('Leopard print scarf').patterns).toEqual(['animal print']);
  });

  it('finds Chinese words', () => {
    expect(findAttributes('亚麻衬衫')).toEqual({ materials: ['linen'], colours: [], patterns: [] });
    expect(findAttributes('酒红色羊绒毛衣').materials).toEqual(['cashmere']);
    expect(findAttributes('酒红色羊绒毛衣').colours).toEqual(['burgundy']);
    expect(findAttributes('真丝碎花连衣裙')).toEqual({ materials: ['silk'], colours: [], patterns: ['floral'] });
    expect(findAttributes('丝绸格纹围巾')).toEqual({ materials: ['silk'], colours: [], patterns: ['plaid'] });
    expect(findAttributes('黑色麂皮短靴').materials).toEqual(['suede']);
    expect(findAttributes('黑色麂皮短靴').colours).toEqual(['black']);
    expect(findAttributes('牛仔外套 波点 纯色 条纹').patterns).toEqual(['polka dot', 'solid', 'striped']);
    expect(findAttributes('面料：棉95% 氨纶5%').materials).toEqual(['cotton', 'elastane']);
    expect(findAttributes('羊毛大衣 白色').colours).toEqual(['white']);
  });

  it('does not read Chinese words that only contain one of its words', () => {
    // 网红 is "influencer" (no red); 棉服 a padded coat of any fibre (no cotton).
    expect(findAttributes('网红款棉服')).toEqual({ materials: [], colours: [], patterns: [] });
    expect(findAttributes('粉红色针织开衫').colours).toEqual(['pink']);
  });

  it('mixes English and Chinese in one text', () => {
    expect(findAttributes('Wool 大衣 藏青')).toEqual({ materials: ['wool'], colours: ['navy'], patterns: [] });
    expect(findAttributes('cotton衬衫').materials).toEqual(['cotton']);
  });

  it('gives empty lists for nothing', () => {
    expect(findAttributes('')).toEqual({ materials: [], colours: [], patterns: [] });
    expect(findAttributes('Relaxed skinny jeans')).toEqual({ materials: [], colours: [], patterns: [] });
  });

  it('names each term in Chinese once and each word once', () => {
    expect(attributeNameZh('materials', 'linen')).toBe('亚麻');
    expect(attributeNameZh('materials', 'wool')).toBe('羊毛');
    expect(attributeNameZh('patterns', 'floral')).toBe('碎花');
    expect(attributeNameZh('materials', 'unobtainium')).toBeUndefined();
    const words = ATTRIBUTE_TERMS.flatMap((t) => [...t.en.map((w) => w.replace(/[\s-]+/g, '')), ...t.zhWords]);
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('extractAttributeColumns', () => {
  it('codes every item once per kind, as a multi-label column', () => {
    const texts = ['Linen shirt, white', 'Wool coat in grey wool', '', 'Relaxed jeans', '羊毛围巾 条纹'];
    const columns = extractAttributeColumns(texts.length, (row) => texts[row]!);
    const m = columns.materials;
    expect(m.values).toEqual(['linen', 'wool']);
    expect(Array.from(m.labels.offsets)).toEqual([0, 1, 2, 2, 2, 3]);
    expect(Array.from(m.labels.codes)).toEqual([0, 1, 1]);
    expect(m.itemsWithAny).toBe(3);
    expect(columns.colours.values).toEqual(['white', 'grey']);
    expect(columns.patterns.values).toEqual(['striped']);
    expect(Array.from(columns.patterns.labels.offsets)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(columns.patterns.itemsWithAny).toBe(1);
  });
});
