import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE_DECISION, detectDateFormat, parseDate, parseDateCell } from './date.ts';
import { inferColumnType } from './infer.ts';
import { detectLabelSeparator, splitLabels } from './labels.ts';
import { detectNumberFormat, parseNumberCell } from './number.ts';
import { guessRoles } from './roles.ts';
import { isCellProblem } from './types.ts';

// Cells are user data: whatever they hold, parsers answer with a value, null or a problem and never throw.
// Hostile pieces: numbers past the largest double, lone surrogates, NUL and other control characters.
const hostile = fc.constantFrom(
  '1e309', '-1e400', '1E999', '(1e309)', '€1e309', '1e309%', '9'.repeat(400), `-${'9'.repeat(330)}.5`, '1.5e308', '-1.8e308',
  '\ud800', '\udfff', '12\ud800', '\u0000', '1\u00002', '\u0007', '\u001b[2J', '\u007f', '\u009b', '\u202e12', '\ufeff3',
);
const noisy = fc.array(fc.oneof(hostile, fc.stringMatching(/^[0-9.,eE+\-]{0,6}$/), fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0')), { maxLength: 4 }).map((parts) => parts.join(''));
const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[0-9.,\-/ :TZ+%€$()年月日QqSsAaWw]{0,14}$/),
  fc.stringMatching(/^[0-9eE.,+\-]{1,6}[0-9]{3,4}$/),
  hostile,
  noisy,
);

const isNumberResult = (r: unknown) => r === null || (typeof r === 'number' && Number.isFinite(r)) || isCellProblem(r);

describe('robustness on arbitrary cells', () => {
  // These once came back as ±Infinity (a number, but not one anything can compute with).
  it.each([
    ['1e309', '1e309', /'1e309' is too large a number/],
    ['-1e400', '-1e400', /'-1e400' is too large a number/],
    ['(1e309)', '(1e309)', /too large/],
    ['€1e309', '€1e309', /too large/],
    ['400 nines', '9'.repeat(400), /too large/],
    ['1e309% (is 1e307)', '1e309%', null],
  ])('a number past the largest double is a problem, not Infinity: %s', (_, raw, message) => {
    for (const decimal of ['.', ','] as const) {
      const result = parseNumberCell(raw, decimal);
      if (message === null) {
        expect(result).toBe(1e307);
        continue;
      }
      expect(isCellProblem(result)).toBe(true);
      if (isCellProblem(result) && decimal === '.') expect(result.message).toMatch(message);
    }
  });

  it.each([
    ['1.5e308', 1.5e308],
    ['-1.7e308', -1.7e308],
    ['1e-400', 0],
    ['12\u0000', null],
  ] as const)('the largest numbers still read, tiny ones are zero: %j', (raw, value) => {
    const result = parseNumberCell(raw, '.');
    if (value === null) expect(isCellProblem(result)).toBe(true);
    else expect(result).toBe(value);
  });

  it('parseNumberCell answers a finite number, null or a problem', () => {
    fc.assert(fc.property(cell, fc.constantFrom('.', ',') as fc.Arbitrary<'.' | ','>, (raw, decimal) => {
      expect(isNumberResult(parseNumberCell(raw, decimal))).toBe(true);
    }), { numRuns: 2000 });
  });

  it.each([
    ['400 digits as Unix seconds', '9'.repeat(400), 'seconds', /outside the range of timestamps/],
    ['400 digits as Unix milliseconds', '9'.repeat(400), 'milliseconds', /outside the range of timestamps/],
    ['400 digits as an Excel serial', '9'.repeat(400), 'excel', /outside the range of Excel dates/],
  ] as const)('a number too large for a timestamp is a problem, not NaN: %s', (_, raw, mode, message) => {
    const decision = { ...DEFAULT_DATE_DECISION, excelSerial: mode === 'excel', unixTime: mode === 'excel' ? null : mode };
    const result = parseDateCell(raw, decision);
    expect(isCellProblem(result)).toBe(true);
    if (isCellProblem(result)) expect(result.message).toMatch(message);
  });

  it('parseDateCell answers a finite number, null or a problem, in every mode', () => {
    const unit = fc.constantFrom(null, 'seconds' as const, 'milliseconds' as const);
    fc.assert(fc.property(cell, fc.boolean(), fc.boolean(), unit, (raw, monthFirst, excelSerial, unixTime) => {
      const decision = { ...DEFAULT_DATE_DECISION, order: monthFirst ? 'mdy' as const : 'dmy' as const, excelSerial, unixTime };
      expect(isNumberResult(parseDateCell(raw, decision))).toBe(true);
      const detailed = parseDate(raw, decision);
      expect(detailed === null || isCellProblem(detailed) || Number.isFinite(detailed.ms)).toBe(true);
    }), { numRuns: 2000 });
  });

  it('reads every prefix of well-formed dates as a date or a problem, never NaN', () => {
    const written = fc.oneof(
      fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().replace('T', ' ').replace('Z', ' +02:00')),
      fc.constantFrom('04/03/2019 10:30 PM', '4 March 2019', '2019年3月4日', 'Spring/Summer 2019', 'Q3 2019'),
    );
    fc.assert(fc.property(written, fc.nat(), (text, cut) => {
      const raw = text.slice(0, cut % (text.length + 1));
      expect(isNumberResult(parseDateCell(raw))).toBe(true);
    }), { numRuns: 3000 });
  });

  it('column-level decisions accept any sample', () => {
    fc.assert(fc.property(fc.string(), fc.array(cell, { maxLength: 30 }), (name, samples) => {
      detectNumberFormat(samples);
      detectDateFormat(samples, { columnName: name });
      detectLabelSeparator(samples);
      for (const raw of samples) {
        const labels = splitLabels(raw, '|');
        expect(labels === null || labels.length > 0).toBe(true);
      }
      const inference = inferColumnType({ name, samples });
      expect(inference.confidence).toBeGreaterThanOrEqual(0);
      expect(inference.confidence).toBeLessThanOrEqual(1);
      const mapping = guessRoles([{ name, samples, inference }]);
      expect(mapping.columns).toHaveLength(1);
    }), { numRuns: 300 });
  });
});
