/** User text in the Markdown report is shown as text: no raw HTML, no Markdown markup of its own. */
import { describe, expect, it } from 'vitest';
import { markdownCell, markdownText } from './markdownText.ts';
import { reportToMarkdown } from './report.ts';

describe('markdownText', () => {
  it.each([
    { text: '<img src=x onerror=alert(1)>', md: '&lt;img src=x onerror=alert(1)&gt;' },
    { text: '<iframe src=javascript:alert(1)></iframe>', md: '&lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt;' },
    { text: '[click](javascript:alert(1))', md: '\\[click\\](javascript:alert(1))' },
    { text: '![x](http://tracker.example/p.png)', md: '!\\[x\\](http://tracker.example/p.png)' },
    { text: '<javascript:alert(1)>', md: '&lt;javascript:alert(1)&gt;' },
    { text: '**bold** _it_ `code` ~~gone~~', md: '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~' },
    { text: 'a | b', md: 'a \\| b' },
    { text: '# heading', md: '\\# heading' },
    { text: '- item', md: '\\- item' },
    { text: '+ item', md: '\\+ item' },
    { text: '1. item', md: '1\\. item' },
    { text: '== setext', md: '\\== setext' },
    { text: 'line one\n## two\r\nthree', md: 'line one \\#\\# two three' },
    { text: 'C:\\path', md: 'C:\\\\path' },
    { text: 'Tom &amp; Jerry', md: 'Tom &amp;amp; Jerry' },
    { text: 'Navy blue, 100% cotton (AW24) - sale.', md: 'Navy blue, 100% cotton (AW24) - sale.' },
  ])('$text', ({ text, md }) => {
    expect(markdownText(text)).toBe(md);
  });
});

describe('markdownCell (text inside a table cell)', () => {
  it('escapes markup and cell breaks but not a leading number, which starts no list inside a cell', () => {
    expect(markdownCell('1.5× worse than naive (MASE 1.50)')).toBe('1.5× worse than naive (MASE 1.50)');
    expect(markdownText('1.5× worse than naive')).toBe('1\\.5× worse than naive');
    expect(markdownCell('- a | <b>*c*</b>\nd')).toBe('- a \\| &lt;b&gt;\\*c\\*&lt;/b&gt; d');
  });
});

describe('reportToMarkdown escapes user text, not its own markup', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const md = reportToMarkdown({
    title: 'Trend report — <iframe src=javascript:alert(1)>',
    basedOn: [`File: ${hostile}.csv (3 rows, 3 counted)`, 'Filters: [x](javascript:alert(1))'],
    latestPeriod: 'SS25**',
    sections: [
      {
        facet: '<b>style</b>',
        scope: '# EU',
        rising: [{ label: hostile, latest: 0.5, change: 0.1, forecast: 0.6, mase: 0.8, signal: '<script>x</script>' }],
        declining: [{ label: '| a | b |', latest: 0.1, change: -0.2 }],
      },
    ],
    accuracyNote: 'Forecasts of "<svg onload=alert(1)>" …',
  });

  it.each([
    '# Trend report — &lt;iframe src=javascript:alert(1)&gt;',
    '- File: &lt;img src=x onerror=alert(1)&gt;.csv (3 rows, 3 counted)',
    '- Filters: \\[x\\](javascript:alert(1))',
    'Latest period: **SS25\\*\\***.',
    '## &lt;b&gt;style&lt;/b&gt; — \\# EU',
    '| &lt;img src=x onerror=alert(1)&gt; | 50.0% | +10.0 pt | 60.0% | MASE 0.80 | &lt;script&gt;x&lt;/script&gt; |',
    '| \\| a \\| b \\| | 10.0% | −20.0 pt | — | — | — |',
    'Forecasts of "&lt;svg onload=alert(1)&gt;" …',
  ])('%s', (line) => {
    expect(md.split('\n')).toContain(line);
  });

  it('has no raw HTML tag at all', () => {
    expect(md).not.toMatch(/<[a-z/]/i);
  });
});
