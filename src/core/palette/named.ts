/**
 * Colour names as designers write them ("Butter yellow", "Sage green", "Dusty rose", "Ecru")
 * → a swatch. The app's own table (`colours.ts`, with Chinese names) answers first; then a long
 * list of named colours (the npm package `color-name-list`, passed in so this module stays pure
 * and the list can load on its own); then the name is taken apart: a shade before a hue word
 * ("Butter" + "yellow"), a modifier before a colour ("light", "dark", "pale", "dusty", "deep"…).
 * A list entry or shade whose colour is not of the hue its name says ("Sage Green" #887766 is a
 * brown-grey in the list) is not used. Names that are no colour at all resolve to nothing.
 */
import { colourSwatch, isMulticolour } from './colours.ts';

/** A named colour from a list: its name and #rrggbb. */
export interface NamedColour {
  /** The name as the list writes it. */
  readonly name: string;
  /** sRGB hex, #rrggbb. */
  readonly hex: string;
}

/** An index of a named-colour list by normalised name. */
export type NamedColourIndex = ReadonlyMap<string, string>;

/** A resolved colour name: its swatch and how it was found. */
export interface ResolvedColour {
  /** Swatch colour as #rrggbb, or 'multi' for multicolour. */
  hex: string;
  /**
   * 'app': the app's own colour table; 'list': the named-colour list, name for name;
   * 'composed': built from parts (a shade and a hue, or a modifier and a colour).
   */
  source: 'app' | 'list' | 'composed';
}

/** Lower case, single spaces, no hyphens or underscores: "Butter-Yellow " → "butter yellow". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s\-_]+/g, ' ').trim();
}

/** Builds the lookup index of a named-colour list (later duplicates do not replace earlier ones). */
export function indexNamedColours(list: readonly NamedColour[]): NamedColourIndex {
  const index = new Map<string, string>();
  for (const { name, hex } of list) {
    const key = normaliseName(name);
    if (key && /^#[0-9a-f]{6}$/i.test(hex) && !index.has(key)) index.set(key, hex.toLowerCase());
  }
  return index;
}

// Hue families a name can end with, as tests on hue (degrees), saturation and lightness (0–1).
type Hsl = { h: number; s: number; l: number };
const inHue = (h: number, from: number, to: number) => (from <= to ? h >= from && h <= to : h >= from || h <= to);
const HUE_WORDS: Record<string, (c: Hsl) => boolean> = {
  red: (c) => inHue(c.h, 335, 20) && c.s >= 0.3 && c.l >= 0.15 && c.l <= 0.75,
  orange: (c) => inHue(c.h, 12, 48) && c.s >= 0.35 && c.l >= 0.3,
  yellow: (c) => inHue(c.h, 38, 70) && c.s >= 0.3 && c.l >= 0.35,
  gold: (c) => inHue(c.h, 30, 60) && c.s >= 0.25,
  green: (c) => inHue(c.h, 60, 175) && c.s >= 0.1,
  olive: (c) => inHue(c.h, 45, 100) && c.s >= 0.15 && c.l <= 0.6,
  teal: (c) => inHue(c.h, 150, 200) && c.s >= 0.2,
  turquoise: (c) => inHue(c.h, 150, 200) && c.s >= 0.2,
  blue: (c) => inHue(c.h, 180, 255) && c.s >= 0.1,
  navy: (c) => inHue(c.h, 190, 260) && c.l <= 0.4,
  purple: (c) => inHue(c.h, 250, 330) && c.s >= 0.1,
  violet: (c) => inHue(c.h, 250, 330) && c.s >= 0.1,
  lilac: (c) => inHue(c.h, 250, 330) && c.l >= 0.5,
  lavender: (c) => inHue(c.h, 230, 320) && c.l >= 0.5,
  pink: (c) => inHue(c.h, 290, 30) && c.s >= 0.2 && c.l >= 0.5,
  rose: (c) => inHue(c.h, 300, 25) && c.s >= 0.15,
  brown: (c) => inHue(c.h, 0, 50) && c.l <= 0.55 && c.s >= 0.1,
  tan: (c) => inHue(c.h, 20, 50) && c.l >= 0.4,
  beige: (c) => inHue(c.h, 20, 65) && c.l >= 0.6,
  cream: (c) => inHue(c.h, 30, 70) && c.l >= 0.75,
  grey: (c) => c.s <= 0.25,
  gray: (c) => c.s <= 0.25,
  white: (c) => c.l >= 0.85,
  black: (c) => c.l <= 0.2,
};

/** Words that change a colour: lighter, darker, greyer or brighter. */
const MODIFIERS: Record<string, { mix: 'white' | 'black' | 'grey' | 'vivid'; amount: number }> = {
  light: { mix: 'white', amount: 0.4 },
  pale: { mix: 'white', amount: 0.55 },
  pastel: { mix: 'white', amount: 0.5 },
  soft: { mix: 'white', amount: 0.3 },
  dark: { mix: 'black', amount: 0.4 },
  deep: { mix: 'black', amount: 0.3 },
  rich: { mix: 'black', amount: 0.2 },
  dusty: { mix: 'grey', amount: 0.4 },
  muted: { mix: 'grey', amount: 0.4 },
  washed: { mix: 'grey', amount: 0.35 },
  faded: { mix: 'grey', amount: 0.45 },
  bright: { mix: 'vivid', amount: 0.4 },
  vivid: { mix: 'vivid', amount: 0.4 },
  neon: { mix: 'vivid', amount: 0.6 },
};

function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function hexOf([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((x) => Math.round(Math.min(1, Math.max(0, x!)) * 255).toString(16).padStart(2, '0')).join('')}`;
}

/** Hue (degrees), saturation and lightness (0–1) of a #rrggbb colour. */
export function hslOf(hex: string): Hsl {
  const [r, g, b] = rgbOf(hex);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s, l };
}

/** Whether a swatch is of the hue a colour word names ("green" → greens); true for words that name no hue family. */
export function fitsHueWord(hex: string, word: string): boolean {
  const test = HUE_WORDS[word];
  return !test || (/^#[0-9a-f]{6}$/i.test(hex) && test(hslOf(hex)));
}

function modify(hex: string, modifier: { mix: 'white' | 'black' | 'grey' | 'vivid'; amount: number }): string {
  const rgb = rgbOf(hex);
  const { amount } = modifier;
  if (modifier.mix === 'vivid') {
    const mean = (rgb[0] + rgb[1] + rgb[2]) / 3;
    return hexOf(rgb.map((x) => x + (x - mean) * amount * 2));
  }
  const target = modifier.mix === 'white' ? 1 : modifier.mix === 'black' ? 0 : 0.6;
  return hexOf(rgb.map((x) => x + (target - x) * amount));
}

function fromApp(name: string): ResolvedColour | undefined {
  const swatch = colourSwatch(name);
  if (!swatch) return undefined;
  return { hex: swatch.hex, source: 'app' };
}

/** The colour a whole name stands for, from the app's table or the list, if its hue fits its last word. */
function whole(key: string, index: NamedColourIndex): ResolvedColour | undefined {
  const last = key.split(' ').pop()!;
  const app = fromApp(key);
  if (app && (isMulticolour({ name: '', nameZh: '', hex: app.hex }) || fitsHueWord(app.hex, last))) return app;
  const hex = index.get(key);
  if (hex && fitsHueWord(hex, last)) return { hex, source: 'list' };
  return undefined;
}

/**
 * The swatch for a colour name as designers write it, or undefined when the name is no colour:
 * the app's table, then the named-colour list (whole name), then a shade before a hue word
 * ("Butter yellow" → the list's "Butter", which is a yellow), then a modifier before a colour
 * ("Dusty sage" → sage, greyed). A hue word alone after an unknown shade gives that hue
 * ("Meadow green" → green).
 */
export function resolveColourName(name: string, index: NamedColourIndex): ResolvedColour | undefined {
  const key = normaliseName(name);
  if (!key || key.length > 60) return undefined;
  const direct = whole(key, index);
  if (direct) return direct;
  const words = key.split(' ');
  if (words.length < 2 || words.length > 4) return undefined;
  // A modifier before a colour: resolve the rest, then lighten, darken or grey it.
  const modifier = MODIFIERS[words[0]!];
  if (modifier) {
    const rest = resolveColourName(words.slice(1).join(' '), index);
    if (rest && /^#[0-9a-f]{6}$/i.test(rest.hex)) return { hex: modify(rest.hex, modifier), source: 'composed' };
    return undefined;
  }
  // A shade before a hue word: the shade's colour when it is of that hue, else the hue itself.
  const hue = words[words.length - 1]!;
  if (!(hue in HUE_WORDS)) return undefined;
  const shade = words.slice(0, -1).join(' ');
  const shadeColour = whole(shade, index) ?? (index.get(shade) ? { hex: index.get(shade)!, source: 'list' as const } : undefined);
  if (shadeColour && fitsHueWord(shadeColour.hex, hue)) return { hex: shadeColour.hex, source: 'composed' };
  const base = whole(hue, index);
  return base ? { hex: base.hex, source: 'composed' } : undefined;
}

/** Codes of each item (one code, or a list), as the dashboard's coded columns hold them. */
type ItemCodes = { kind: 'single'; codes: Int32Array } | { kind: 'multi'; offsets: Int32Array; codes: Int32Array };

function codesOf(labels: ItemCodes, item: number): ArrayLike<number> {
  if (labels.kind === 'single') return labels.codes[item]! >= 0 ? [labels.codes[item]!] : [];
  return labels.codes.subarray(labels.offsets[item]!, labels.offsets[item + 1]!);
}

/**
 * For each value of the file's colour column, the model's colour most often given to the same
 * items (its code in `model`, or -1 when no item has both): the fallback swatch for a colour
 * name nobody can draw ("Moonlit harbour" → the model read those items as Navy Blue).
 */
export function modelColourPerValue(own: ItemCodes, ownValueCount: number, model: ItemCodes, modelValueCount: number): Int32Array {
  const counts = new Uint32Array(ownValueCount * modelValueCount);
  const items = own.kind === 'single' ? own.codes.length : own.offsets.length - 1;
  for (let i = 0; i < items; i++) {
    const mine = codesOf(own, i);
    const theirs = codesOf(model, i);
    for (let a = 0; a < mine.length; a++) for (let b = 0; b < theirs.length; b++) counts[mine[a]! * modelValueCount + theirs[b]!]!++;
  }
  const out = new Int32Array(ownValueCount).fill(-1);
  for (let v = 0; v < ownValueCount; v++) {
    let best = 0;
    for (let m = 0; m < modelValueCount; m++) {
      const n = counts[v * modelValueCount + m]!;
      if (n > best) (best = n), (out[v] = m);
    }
  }
  return out;
}
