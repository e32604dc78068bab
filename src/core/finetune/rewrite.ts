/**
 * A documented, deterministic rewrite of catalogue product names into the description-style
 * text another shop might use, to evaluate heads on a catalogue written differently from the
 * one the shipped model learned from. Per name (seeded by the name itself):
 *   1. the brand (the words before the first gender word, or the first word) and the gender
 *      word are removed;
 *   2. common product words are replaced by synonyms (tshirt → tee, trousers → pants, …);
 *   3. the rest is lower-cased and set in one of several sentence templates with the gender as
 *      a phrase ("for men"), plus a label-neutral shop phrase ("Free delivery on all orders.").
 * No label is read: only the name.
 */
import { hashString } from './text.ts';

const GENDER: Record<string, string> = { men: 'men', "men's": 'men', women: 'women', "women's": 'women', boys: 'boys', girls: 'girls', unisex: 'everyone', kids: 'kids' };

/** Word and phrase substitutions (lower case, whole words), applied longest first. */
export const REWRITE_SYNONYMS: Readonly<Record<string, string>> = {
  'track pants': 'joggers',
  'flip flops': 'thong sandals',
  'casual shoes': 'everyday shoes',
  'sports shoes': 'trainers',
  'formal shoes': 'dress shoes',
  'navy blue': 'navy',
  't shirt': 'tee',
  tshirt: 'tee',
  tshirts: 'tees',
  trousers: 'pants',
  sunglasses: 'shades',
  handbag: 'hand bag',
  watch: 'wristwatch',
  jeans: 'denim',
  heels: 'high heels',
  sweatshirt: 'pullover',
  shorts: 'short pants',
  backpack: 'rucksack',
  wallet: 'billfold',
  socks: 'hosiery',
  perfume: 'fragrance',
  deodorant: 'body spray',
  cap: 'hat',
  kurta: 'tunic kurta',
  top: 'blouse top',
};

const TEMPLATES_WITH_GENDER = [(r: string, g: string) => `${r} for ${g}.`, (r: string, g: string) => `Shop this ${r}, made for ${g}.`, (r: string, g: string) => `New in: ${r} (${g}).`, (r: string, g: string) => `Our ${r} for ${g} — a wardrobe favourite.`];
const TEMPLATES = [(r: string) => `${r}.`, (r: string) => `Shop this ${r}.`, (r: string) => `New in: ${r}.`, (r: string) => `Our ${r} — a wardrobe favourite.`];
const NEUTRAL = ['Free delivery on all orders.', 'Limited stock.', 'Easy 30-day returns.', 'Ships in 2 days.', ''];

const PHRASES = Object.keys(REWRITE_SYNONYMS).sort((a, b) => b.length - a.length);

/** Rewrites one product name as another shop's description (see the module comment). */
export function rewriteAsDescription(name: string): string {
  const words = name.replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  const genderAt = words.slice(0, 5).findIndex((w) => GENDER[w.toLowerCase()] !== undefined);
  const gender = genderAt >= 0 ? GENDER[words[genderAt]!.toLowerCase()]! : null;
  const rest = genderAt >= 0 ? words.slice(genderAt + 1) : words.slice(1);
  let text = ` ${(rest.length > 0 ? rest : words).join(' ').toLowerCase()} `;
  for (const phrase of PHRASES) text = text.split(` ${phrase} `).join(` ${REWRITE_SYNONYMS[phrase]} `);
  text = text.trim();
  const h = hashString(name, 0x5eed);
  const sentence = gender ? TEMPLATES_WITH_GENDER[h % TEMPLATES_WITH_GENDER.length]!(text, gender) : TEMPLATES[h % TEMPLATES.length]!(text);
  const neutral = NEUTRAL[(h >>> 8) % NEUTRAL.length]!;
  const full = neutral ? `${sentence} ${neutral}` : sentence;
  return full.charAt(0).toUpperCase() + full.slice(1);
}
