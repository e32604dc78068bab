import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE_DECISION, detectDateFormat, parseDate, parseDateCell } from './date.ts';
import { inferColumnType } from './infer.ts';
import { detectLabelSeparator, splitLabels } from './labels.ts';
import { detectNumberFormat, parseNumberCell } from './number.ts';
import { guessRoles } from './roles.ts';
import { isCellProblem } from './types.ts';

// Cells are user data: whatever they hold, parsers answer with a value, null or a problem and never throw.
const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[0-9.,\-/ :TZ+%€$()年月日QqSsAaWw]{0,14}$/),
);

const isNumberResult = (r: unknown) => r === null || (typeof r === 'number' && Number.isFinite(r)) || isCellProblem(r);

describe('robustness on arbitrary cells', () => {
  it('parseNumberCell answers a finite number, null or a problem', () => {
    fc.assert(fc.property(cell, fc.constantFrom('.', ',') as fc.Arbitrary<'.' | ','>, (raw, decimal) => {
      expect(isNumberResult(parseNumberCell(raw, decimal))).toBe(true);
    }), { numRuns: 2000 });
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
