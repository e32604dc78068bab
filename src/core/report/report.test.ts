import { describe, expect, it } from 'vitest';
import { foldQuietSections, planMovers, rankMovers, reportToMarkdown, seriesToCsv } from './report.ts';

const series = (label: string, values: number[]) => ({ label, share: Float64Array.from(values), support: new Uint32Array(values.length), totalSupport: 10 });

describe('trend report', () => {
  it('ranks risers and fallers by change vs the same period a year before', () => {
    const movers = rankMovers([series('Casual', [0.5, 0.4, 0.6]), series('Formal', [0.3, 0.3, 0.1]), series('Party', [Number.NaN, 0.1, 0.2])], 2, (label) => (label === 'Casual' ? { forecast: 0.62, mase: 0.81, signal: 'growing' } : {}));
    expect(movers.rising.map((r) => r.label)).toEqual(['Casual']);
    expect(movers.rising[0]!.change).toBeCloseTo(0.1);
    expect(movers.declining.map((r) => r.label)).toEqual(['Formal']);
    const md = reportToMarkdown({ title: 'SS25 trend report', basedOn: ['demo.csv, 5,000 items'], latestPeriod: 'SS25', sections: [{ facet: 'Styles', scope: 'All regions', ...movers }] });
    expect(md).toContain('# SS25 trend report');
    expect(md).toContain('| value | latest share | vs last year | next period (forecast) | forecast accuracy | signal |');
    // Without words the accuracy cell names the bare figure.
    expect(md).toContain('| Casual | 60.0% | +10.0 pt | 62.0% | MASE 0.81 | growing |');
    expect(md).toContain('| Formal | 10.0% | −20.0 pt | — | — | — |');
  });

  it('says the forecast accuracy in the words it is given, escaped, only where there is a backtest (issue 17, item 6)', () => {
    const rows = [
      { label: 'Casual', latest: 0.6, change: 0.1, forecast: 0.62, mase: 1.5 },
      { label: 'Sports', latest: 0.3, change: 0.05, forecast: 0.31, mase: Number.NaN },
      { label: 'Party', latest: 0.1, change: 0.02 },
    ];
    const seen: number[] = [];
    const words = (mase: number) => {
      seen.push(mase);
      return `${mase > 1 ? 'worse' : 'better'} than naive | ${mase.toFixed(2)}`;
    };
    const md = reportToMarkdown({ title: 'T', basedOn: [], latestPeriod: 'SS25', sections: [{ facet: 'Styles', scope: 'All regions', rising: rows, declining: [] }] }, { accuracy: words }).split('\n');
    expect(seen).toEqual([1.5]);
    expect(md).toContain('| Casual | 60.0% | +10.0 pt | 62.0% | worse than naive \\| 1.50 | — |');
    expect(md).toContain('| Sports | 30.0% | +5.0 pt | 31.0% | — | — |');
    expect(md).toContain('| Party | 10.0% | +2.0 pt | — | — | — |');
  });

  it('ranks from the last period with enough items when the latest periods are thin (issue 17, item 1)', () => {
    // The last period has too few items (share NaN, shown lighter in the chart): the change is 0.6 − 0.5, a year (2 periods) before period 2.
    const movers = rankMovers([series('Casual', [0.5, 0.4, 0.6, Number.NaN]), series('Formal', [0.3, 0.3, 0.1, Number.NaN])], 2);
    expect(movers.rising.map((r) => [r.label, r.latest])).toEqual([['Casual', 0.6]]);
    expect(movers.rising[0]!.change).toBeCloseTo(0.1, 12);
    expect(movers.declining[0]!.change).toBeCloseTo(-0.2, 12);
  });

  it('writes series and forecasts as CSV with interval columns', () => {
    const csv = seriesToCsv(['AW24', 'SS25'], [{ label: 'Navy, Blue', values: [0.1, 0.2] }], {
      periods: ['AW25'],
      forecasts: new Map([['Navy, Blue', { point: [0.25], lo80: [0.2], hi80: [0.3], lo95: [0.15], hi95: [0.35] }]]),
    });
    expect(csv.split('\n')).toEqual([
      'period,kind,"Navy, Blue","Navy, Blue__lo80","Navy, Blue__hi80","Navy, Blue__lo95","Navy, Blue__hi95"',
      'AW24,history,0.1,,,,',
      'SS25,history,0.2,,,,',
      'AW25,forecast,0.25,0.2,0.3,0.15,0.35',
      '',
    ]);
  });
});

describe('quiet regional sections (issue 17, item 2)', () => {
  const row = { label: 'Casual', latest: 0.5, change: 0.1 };
  const empty = (facet: string, scope: string) => ({ facet, scope, rising: [], declining: [] });
  it('fold into one list per facet; the main scope and sections with movers stay', () => {
    const sections = [
      empty('Colour', 'All regions'),
      { facet: 'Colour', scope: 'EU', rising: [row], declining: [] },
      empty('Colour', 'US'),
      empty('Colour', 'CN'),
      { facet: 'Style', scope: 'All regions', rising: [row], declining: [] },
      empty('Style', 'EU'),
    ];
    const folded = foldQuietSections(sections, 'All regions');
    expect(folded.sections.map((s) => `${s.facet}/${s.scope}`)).toEqual(['Colour/All regions', 'Colour/EU', 'Style/All regions']);
    expect(folded.quiet).toEqual([{ facet: 'Colour', scopes: ['US', 'CN'] }, { facet: 'Style', scopes: ['EU'] }]);
  });
  it('leave a report with nothing quiet as it is', () => {
    const sections = [{ facet: 'Colour', scope: 'All regions', rising: [row], declining: [] }];
    expect(foldQuietSections(sections, 'All regions')).toEqual({ sections, quiet: [] });
  });
});

describe('next season section', () => {
  const row = (name: string, level: 'group' | 'total', lastSeason: number, forecast: number, plan: number, flags: string[] = [], edited = false) => ({ name, level, lastSeason, forecast, change: lastSeason > 0 ? forecast / lastSeason - 1 : NaN, lo80: forecast - 10, hi80: forecast + 12, plan, edited, flags });
  const table = [row('Total', 'total', 900, 950, 700), row('Linen', 'group', 300, 420, 450), row('Wool coat', 'group', 400, 250, 0, ['Slow mover: buy less']), row('Denim', 'group', 200, 270, 250, [], true)];

  it('ranks groups by their forecast change vs last season', () => {
    const movers = planMovers(table);
    expect(movers.rising.map((r) => r.name)).toEqual(['Linen', 'Denim']);
    expect(movers.falling.map((r) => r.name)).toEqual(['Wool coat']);
  });

  it('writes the plan, the movers and the regional sentences as Markdown', () => {
    const md = reportToMarkdown({ title: 'Plan', basedOn: [], latestPeriod: '2024-12', sections: [], nextSeason: { lines: ['Six months after 2024-12.'], ...planMovers(table), table, regional: ['Linen is 2.1× as popular in IT as elsewhere, and the gap is widening.'] } });
    expect(md).toContain('## Next season');
    expect(md).toContain('| **Total** | 900 | 950 | +6% | 940–962 | 700 |  |');
    expect(md).toContain('| Wool coat | 400 | 250 | −38% | 240–262 | 0 | Slow mover: buy less |');
    expect(md).toContain('| Denim | 200 | 270 | +35% | 260–282 | 250 ✎ |  |');
    expect(md).toContain('- Linen is 2.1× as popular in IT as elsewhere, and the gap is widening.');
  });
});

describe('design briefs section (issue 14)', () => {
  const base = { title: 'Trend report', basedOn: ['demo.csv'], latestPeriod: '2017 Q2', sections: [] };
  it('lists kept briefs with the asked tags and the read-back, escaped; no section without briefs', () => {
    const md = reportToMarkdown({
      ...base,
      designBriefs: [
        { name: 'Aurelia Women Green | Dress', brief: 'Casual dresses in green.', asked: 'Green · Dresses · Casual', readBack: 'Green · Dresses · Ethnic?', disagrees: ['usage'] },
        { name: 'W Women White Kurta', brief: 'Ethnic kurtas in white.', asked: 'White · Kurtas · Ethnic', readBack: 'White · Kurtas · Ethnic', disagrees: [] },
      ],
    });
    const lines = md.split('\n');
    const at = lines.indexOf('## Design briefs');
    expect(at).toBeGreaterThan(0);
    expect(lines).toContain('| item | brief | asked | read back | differs on |');
    expect(lines).toContain('| Aurelia Women Green \\| Dress | Casual dresses in green. | Green · Dresses · Casual | Green · Dresses · Ethnic? | usage |');
    expect(lines).toContain('| W Women White Kurta | Ethnic kurtas in white. | White · Kurtas · Ethnic | White · Kurtas · Ethnic | — |');
    expect(reportToMarkdown({ ...base, designBriefs: [] })).not.toContain('Design briefs');
    expect(reportToMarkdown(base)).not.toContain('Design briefs');
  });
});
