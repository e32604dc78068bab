/**
 * Colour names → swatches, for the palette views. Covers the catalogue's base colours, common
 * fashion colour words and their usual Simplified Chinese names, so a palette can be drawn from
 * whatever language the file is in. Lookup is case- and spacing-insensitive; unknown names return
 * undefined (the view shows a neutral "unknown" swatch rather than inventing a colour).
 */

/** A named colour: its display names and an sRGB hex swatch. */
export interface ColourSwatch {
  /** Canonical English name, e.g. "Navy Blue". */
  name: string;
  /** Simplified Chinese name, e.g. "藏青色". */
  nameZh: string;
  /** Swatch colour as #rrggbb. */
  hex: string;
}

// [English name, Chinese name, hex, extra aliases…]
const table: [string, string, string, ...string[]][] = [
  ['Black', '黑色', '#111111', '黑', 'jet black', 'noir'],
  ['White', '白色', '#f8f8f6', '白', 'optic white'],
  ['Off White', '米白色', '#f2eee3', '米白', 'ivory', '象牙白', 'ecru'],
  ['Cream', '奶油色', '#f3e5c0', '奶白', 'vanilla'],
  ['Beige', '米色', '#d9c7a7', '米', 'sand', '沙色', 'stone'],
  ['Nude', '裸色', '#e3bc9a', 'skin', '肤色'],
  ['Skin', '肤色', '#e8b896'],
  ['Grey', '灰色', '#8a8d91', 'gray', '灰'],
  ['Grey Melange', '麻灰色', '#a3a5a8', 'heather grey', 'grey marl', '花灰'],
  ['Charcoal', '炭灰色', '#3c3f43', '炭灰', 'anthracite'],
  ['Steel', '钢灰色', '#71797e', '钢灰'],
  ['Silver', '银色', '#c0c0c0', '银'],
  ['Metallic', '金属色', '#a8a9ad'],
  ['Gold', '金色', '#c9a227', '金'],
  ['Bronze', '古铜色', '#a5702a', '青铜色'],
  ['Copper', '铜色', '#b87333'],
  ['Brown', '棕色', '#6f4a2f', '棕', '褐色', 'chocolate', '巧克力色'],
  ['Coffee Brown', '咖啡色', '#4b3325', 'coffee', '咖啡'],
  ['Mushroom Brown', '蘑菇棕', '#8f7a68', 'mushroom'],
  ['Tan', '棕褐色', '#c19a6b', 'camel', '驼色'],
  ['Taupe', '灰褐色', '#8b7d6b'],
  ['Khaki', '卡其色', '#b5a27a', '卡其'],
  ['Olive', '橄榄绿', '#6b6b2a', 'olive green', '橄榄色'],
  ['Green', '绿色', '#2e8b57', '绿'],
  ['Sea Green', '海绿色', '#3c9d78'],
  ['Lime Green', '青柠绿', '#8fd14f', 'lime'],
  ['Fluorescent Green', '荧光绿', '#39ff14', 'neon green'],
  ['Teal', '蓝绿色', '#127a7a', '水鸭色'],
  ['Turquoise Blue', '绿松石蓝', '#30b5c8', 'turquoise', '湖蓝'],
  ['Blue', '蓝色', '#2f5fb3', '蓝', 'cobalt', '钴蓝'],
  ['Navy Blue', '藏青色', '#1f2a4d', 'navy', '海军蓝', '藏青', '深蓝'],
  ['Sky Blue', '天蓝色', '#87bde8', 'light blue', '浅蓝', '天蓝'],
  ['Denim', '牛仔蓝', '#4f6d8f', 'indigo', '靛蓝'],
  ['Lavender', '薰衣草紫', '#b9a6d6', 'lilac', '淡紫'],
  ['Purple', '紫色', '#6a3d9a', '紫', 'violet'],
  ['Mauve', '淡紫红', '#b784a7'],
  ['Magenta', '品红色', '#c2185b', 'fuchsia', '洋红'],
  ['Pink', '粉色', '#f2a2b8', '粉红', '粉', 'blush'],
  ['Rose', '玫瑰色', '#d46a7e', '玫红'],
  ['Peach', '桃色', '#f6b98f', '蜜桃色'],
  ['Red', '红色', '#c62828', '红', 'scarlet'],
  ['Maroon', '栗色', '#6d1a22', '酒红'],
  ['Burgundy', '勃艮第红', '#7c2338', 'wine', '酒红色'],
  ['Rust', '铁锈红', '#a9481f', '锈红'],
  ['Orange', '橙色', '#e8782b', '橙', '橘色'],
  ['Mustard', '芥末黄', '#d1a21d', '姜黄'],
  ['Yellow', '黄色', '#f2cf3b', '黄'],
  ['Multi', '多色', 'multi', 'multicolour', 'multicolor', '彩色', 'print', '印花'],
];

const index = new Map<string, ColourSwatch>();
for (const [name, nameZh, hex, ...aliases] of table) {
  const swatch: ColourSwatch = { name, nameZh, hex };
  for (const key of [name, nameZh, ...aliases]) index.set(normaliseColourName(key), swatch);
}

/** Lower-cases and strips spaces, hyphens and the trailing Chinese 色, so "Navy-Blue", "navy blue" and "藏青" match. */
export function normaliseColourName(name: string): string {
  const compact = name.toLowerCase().replace(/[\s\-_]+/g, '');
  return compact.length > 1 && compact.endsWith('色') ? compact.slice(0, -1) : compact;
}

/** The swatch for a colour name in English or Chinese, or undefined when it is not a known colour. */
export function colourSwatch(name: string): ColourSwatch | undefined {
  return index.get(normaliseColourName(name));
}

/** True when the swatch is not one solid colour (e.g. "Multi"): draw it as a pattern. */
export function isMulticolour(swatch: ColourSwatch): boolean {
  return swatch.hex === 'multi';
}

/** Picks black or white text for readability on the swatch. */
export function textColourOn(hex: string): '#000000' | '#ffffff' {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return '#000000';
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.55 ? '#000000' : '#ffffff';
}
