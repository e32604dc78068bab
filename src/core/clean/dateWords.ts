/**
 * Worded dates: month names (`4 March 2019`, `Mar-19`), quarters (`Q3 2019`), fashion and calendar
 * seasons (`SS19`, `Spring/Summer 2019`, `Fall 2019`, `Pre-Fall 2019`) and Chinese (`2019年3月4日`,
 * `2019年第3季度`, `2019春夏`). A small tokenizer, then rules: the slow path by design (such cells are
 * short and rare in big files), so clarity wins over speed here.
 */
import { utcMs } from './calendar.ts';
import { OK, YEAR_RANGE, fail, impossible, out, setYmd, twoDigitYear, unreadable, isDigit, digitRun, type CalendarSeason, type FashionHalf } from './dateScan.ts';
import { isSpaceCode, trimEnd, trimStart } from './missing.ts';
import { cellProblem, quoteCell, type Hemisphere } from './types.ts';

const MONTH_WORDS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3], ['apr', 4], ['april', 4],
  ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7], ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9],
  ['september', 9], ['oct', 10], ['october', 10], ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);
// Words that carry no date information in "Monday, 4th of March 2019".
const FILLER_WORDS = new Set([
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday',
  'sat', 'saturday', 'sun', 'sunday', 'of', 'the', 'st', 'nd', 'rd', 'th', 'season', 'collection',
]);
const SEASON_WORDS: ReadonlyMap<string, CalendarSeason | FashionHalf> = new Map<string, CalendarSeason | FashionHalf>([
  ['spring', 'spring'], ['summer', 'summer'], ['fall', 'autumn'], ['autumn', 'autumn'], ['winter', 'winter'],
  ['ss', 'SS'], ['aw', 'AW'], ['fw', 'AW'], ['sprsum', 'SS'],
  // Between-season collections, filed with the main season they are sold in: Resort/Cruise with
  // Spring/Summer, Pre-Fall (see isPreFall) with Autumn/Winter.
  ['resort', 'SS'], ['cruise', 'SS'],
]);

/** Whether `word` and the next token spell "Pre-Fall" / "Pre-Autumn". */
function isPreFall(word: string, next: Token | undefined): boolean {
  return word === 'pre' && next?.kind === 'word' && (next.text === 'fall' || next.text === 'autumn');
}

type Token = { kind: 'number'; value: number; digits: number } | { kind: 'word'; text: string } | { kind: 'cjk'; char: string };

const CJK_MARKS = '年月日号季度第春夏秋冬';
const CJK_NUMERALS = '一二三四';

function tokenize(raw: string, start: number, end: number): Token[] | null {
  const tokens: Token[] = [];
  let i = start;
  let lastWasSingleLetter = false;
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) {
      const n = digitRun(raw, i, end);
      tokens.push({ kind: 'number', value: Number(raw.slice(i, i + n)), digits: n });
      i += n;
      lastWasSingleLetter = false;
    } else if ((c | 0x20) >= 97 && (c | 0x20) <= 122) {
      let k = i;
      while (k < end && ((raw.charCodeAt(k) | 0x20) >= 97 && (raw.charCodeAt(k) | 0x20) <= 122)) k++;
      const text = raw.slice(i, k).toLowerCase();
      // A word that can never be part of a date ends the scan early (most text cells stop here).
      if (text.length > 1 && !MONTH_WORDS.has(text) && !SEASON_WORDS.has(text) && !FILLER_WORDS.has(text) && text !== 'pre') return null;
      // "S/S 19", "A/W 19": join single letters split by a separator into one word.
      const previous = tokens[tokens.length - 1];
      if (text.length === 1 && lastWasSingleLetter && previous?.kind === 'word' && text !== 'q') {
        tokens[tokens.length - 1] = { kind: 'word', text: previous.text + text };
      } else tokens.push({ kind: 'word', text });
      lastWasSingleLetter = text.length === 1 && text !== 'q';
      i = k;
    } else if (CJK_MARKS.includes(raw[i]!)) {
      tokens.push({ kind: 'cjk', char: raw[i]! });
      i++;
      lastWasSingleLetter = false;
    } else if (CJK_NUMERALS.includes(raw[i]!)) {
      tokens.push({ kind: 'number', value: CJK_NUMERALS.indexOf(raw[i]!) + 1, digits: 1 });
      i++;
      lastWasSingleLetter = false;
    } else if (c === 32 || c === 44 || c === 45 || c === 47 || c === 46 || c === 39 || c === 0x2019 || c === 95 || isSpaceCode(c) || c === 0xff0c) {
      i++; // separators: space , - / . ' _ ，
    } else return null;
  }
  return tokens;
}

// The longest worded date we read is about 30 characters ("Wednesday, 25th of September 2019");
// anything much longer is prose, and saying so early keeps inference fast on text columns.
const LONGEST_WORDED_DATE = 40;

/** Worded dates: month names, quarters, seasons, Chinese. */
export function readWords(raw: string, start: number, end: number, hemisphere: Hemisphere): number {
  if (end - start > LONGEST_WORDED_DATE) return unreadable(raw);
  const tokens = tokenize(raw, start, end);
  if (!tokens || tokens.length === 0) return unreadable(raw);
  let year = -1;
  let month = -1;
  let day = -1;
  let quarter = -1;
  let chinese = false;
  const seasons: (CalendarSeason | FashionHalf)[] = [];
  const loose: { value: number; digits: number }[] = [];

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const next = tokens[t + 1];
    if (token.kind === 'number') {
      // Chinese marks name the number before them.
      if (next?.kind === 'cjk' && '年月日号季'.includes(next.char)) {
        chinese = true;
        if (next.char === '年') year = token.value;
        else if (next.char === '月') month = token.value;
        else if (next.char === '季') quarter = token.value;
        else day = token.value;
        t++;
      } else loose.push(token);
    } else if (token.kind === 'cjk') {
      chinese = true;
      if (token.char === '春' && next?.kind === 'cjk' && next.char === '夏') (seasons.push('SS'), t++);
      else if (token.char === '秋' && next?.kind === 'cjk' && next.char === '冬') (seasons.push('AW'), t++);
      else if (token.char === '春') seasons.push('spring');
      else if (token.char === '夏') seasons.push('summer');
      else if (token.char === '秋') seasons.push('autumn');
      else if (token.char === '冬') seasons.push('winter');
      else if (token.char === '第' || token.char === '季' || token.char === '度') continue;
      else return unreadable(raw);
    } else {
      const word = token.text;
      if (word === 'q' && next?.kind === 'number' && next.digits === 1) {
        quarter = next.value;
        t++;
      } else if (MONTH_WORDS.has(word)) {
        if (month !== -1) return unreadable(raw);
        month = MONTH_WORDS.get(word)!;
      } else if (isPreFall(word, next)) {
        seasons.push('AW');
        t++;
      } else if (SEASON_WORDS.has(word)) {
        seasons.push(SEASON_WORDS.get(word)!);
      } else if (!FILLER_WORDS.has(word)) {
        return unreadable(raw);
      }
    }
  }

  // Unlabelled numbers: a 4-digit one is the year; small ones are a day, or a two-digit year.
  for (const n of loose) {
    if (n.digits === 4 && year === -1) year = n.value;
    else if (n.digits <= 2 && month !== -1 && day === -1 && !(seasons.length > 0 || quarter !== -1)) day = n.value;
    else if (n.digits === 2 && year === -1) year = twoDigitYear(n.value);
    else return unreadable(raw);
  }
  // "Mar-19" (how spreadsheets write a month) is March 2019, not 19 March of an unknown year.
  if (month !== -1 && day !== -1 && year === -1 && loose.length === 1 && loose[0]!.digits === 2) {
    year = twoDigitYear(day);
    day = -1;
  }
  if (year === -1) return fail(cellProblem('not-a-date', `${quoteCell(raw)} has no year`));
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return impossible(raw, `${year} is not a plausible year`);

  if (seasons.length > 0) {
    if (month !== -1 || day !== -1 || quarter !== -1) return unreadable(raw);
    const season = combineSeasonWords(seasons);
    if (!season) return unreadable(raw);
    out.ms = seasonMs(year, season, hemisphere);
    out.granularity = 'season';
    out.format = chinese ? 'chinese' : season === 'SS' || season === 'AW' ? 'fashion-season' : 'calendar-season';
    return OK;
  }
  if (quarter !== -1) {
    if (month !== -1 || day !== -1) return unreadable(raw);
    if (quarter < 1 || quarter > 4) return impossible(raw, `there is no quarter ${quarter}`);
    out.ms = utcMs(year, quarter * 3 - 2, 1);
    out.granularity = 'quarter';
    out.format = chinese ? 'chinese' : 'quarter';
    return OK;
  }
  if (month !== -1) {
    if (day === 0) return impossible(raw, 'there is no day 0');
    return setYmd(raw, year, month, day === -1 ? 0 : day, 0, chinese ? 'chinese' : 'month-name');
  }
  if (day !== -1) return unreadable(raw);
  out.ms = utcMs(year, 1, 1);
  out.granularity = 'year';
  out.format = chinese ? 'chinese' : 'year';
  return OK;
}

/** Spring+Summer → SS, Autumn/Fall+Winter → AW, one word → itself; anything else → null. */
function combineSeasonWords(words: readonly (CalendarSeason | FashionHalf)[]): CalendarSeason | FashionHalf | null {
  if (words.length === 1) return words[0]!;
  if (words.length === 2) {
    const pair = `${words[0]}+${words[1]}`;
    if (pair === 'spring+summer') return 'SS';
    if (pair === 'autumn+winter') return 'AW';
  }
  return null;
}

/** UTC ms of the representative day of a season in a year (see the file comment for the rule). */
export function seasonMs(year: number, season: CalendarSeason | FashionHalf, hemisphere: Hemisphere = 'north'): number {
  if (season === 'SS') return utcMs(year, 4, 15);
  if (season === 'AW') return utcMs(year, 10, 15);
  const north: Record<CalendarSeason, number> = { spring: 4, summer: 7, autumn: 10, winter: 12 };
  const south: Record<CalendarSeason, number> = { autumn: 4, winter: 7, spring: 10, summer: 12 };
  return utcMs(year, (hemisphere === 'north' ? north : south)[season], 15);
}

/** Reads a season name without a year ('Summer', 'Fall', 'SS', 'Autumn/Winter', '春夏'), or null. */
export function readSeasonName(raw: string): CalendarSeason | FashionHalf | null {
  const start = trimStart(raw);
  const tokens = tokenize(raw, start, trimEnd(raw, start));
  if (!tokens || tokens.length === 0) return null;
  const words: (CalendarSeason | FashionHalf)[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'word' && isPreFall(token.text, tokens[t + 1])) {
      words.push('AW');
      t++;
    } else if (token.kind === 'word' && SEASON_WORDS.has(token.text)) words.push(SEASON_WORDS.get(token.text)!);
    else if (token.kind === 'cjk') {
      const pair = token.char + ((tokens[t + 1] as { char?: string } | undefined)?.char ?? '');
      if (pair === '春夏' || pair === '秋冬') (words.push(pair === '春夏' ? 'SS' : 'AW'), t++);
      else if (token.char === '春') words.push('spring');
      else if (token.char === '夏') words.push('summer');
      else if (token.char === '秋') words.push('autumn');
      else if (token.char === '冬') words.push('winter');
      else if (token.char !== '季') return null;
    } else if (!(token.kind === 'word' && token.text === 'season')) return null;
  }
  return combineSeasonWords(words);
}
