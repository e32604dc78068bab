/** Writing systems of item text: how much of a text is Chinese. Pure. */
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/**
 * Share of a text written in Han (Chinese) characters: Han characters / (Han characters + words in
 * other letters), since one character carries about what one word does; 0 for text without letters.
 */
export function hanShare(text: string): number {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (const char of text) {
    if (HAN.test(char)) {
      han++;
      inWord = false;
    } else if (LETTER.test(char)) {
      if (!inWord) words++;
      inWord = true;
    } else inWord = false;
  }
  return han + words === 0 ? 0 : han / (han + words);
}

/** Share of the texts written mostly in Chinese (`hanShare` ≥ 0.5); 0 for no texts. */
export function mostlyChineseShare(texts: readonly string[]): number {
  if (texts.length === 0) return 0;
  let n = 0;
  for (const text of texts) if (hanShare(text) >= 0.5) n++;
  return n / texts.length;
}
