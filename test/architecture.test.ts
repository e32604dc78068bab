import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint rule of this project: pure compute stays pure. `src/core` and `src/model` never import
// React, zustand, recharts or the UI, and never touch the DOM, so every step of the data flow can be
// called from a Node test and from a worker.
const pureRoots = ['src/core', 'src/model'];
const forbiddenImports = [/from ['"]react/, /from ['"]react-dom/, /from ['"]zustand/, /from ['"]recharts/, /from ['"][./]+\/(ui|state)\//, /from ['"]onnxruntime-web/];
const forbiddenGlobals = [/\bdocument\./, /\bwindow\./, /\blocalStorage\b/, /\bnavigator\.(?!hardwareConcurrency|gpu)/];
// Session files are the one place a runtime is chosen (onnxruntime-node or -web).
const exempt = [/\/session\.[a-z]+\.ts$/, /\.test\.ts$/];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !exempt.some((re) => re.test(path)) ? [path] : [];
  });
}

describe('architecture', () => {
  const files = pureRoots.flatMap(sourceFiles);

  it('has pure modules to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('keeps src/core and src/model free of UI, state and DOM', () => {
    const offences: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const re of [...forbiddenImports, ...forbiddenGlobals]) if (re.test(code)) offences.push(`${file}: ${re}`);
      if (file.endsWith('.tsx')) offences.push(`${file}: JSX in pure code`);
    }
    expect(offences).toEqual([]);
  });

  it('keeps zustand inside src/state', () => {
    const all = ['src/ui', 'src/workers', 'src/cli', 'src/pwa'].flatMap(sourceFiles);
    const offences = all.filter((file) => /from ['"]zustand/.test(readFileSync(file, 'utf8')));
    expect(offences).toEqual([]);
  });

  // One calendar (issue 19): period grains, ISO weeks, period keys and starts, stepping by periods,
  // periods per year and frequency inference are defined in src/core/series/periods.ts only, so the
  // app, the workers and the CLI cannot drift apart again (a re-export is not a definition).
  it('defines a calendar nowhere outside src/core/series', () => {
    const everywhere = ['src/core', 'src/model', 'src/workers', 'src/state', 'src/ui', 'src/cli', 'src/pwa'].flatMap(sourceFiles).filter((file) => !file.startsWith(join('src', 'core', 'series')));
    const calendarNames = /\b(?:export\s+)?(?:async\s+)?(?:function|const|let)\s+(isoWeek\w*|\w*[wW]eekStart|periodKey|periodStart\w*|nextPeriodStart|periodsPerYear|addPeriods|periodsAfter|inferFrequency|frequencyOf)\b/;
    const calendarTypes = /\b(?:type|interface)\s+(PeriodKind|PeriodGrain|Frequency|Grain|IsoWeek)\b\s*[={<]/;
    const offences: string[] = [];
    for (const file of everywhere) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const re of [calendarNames, calendarTypes]) {
        const found = re.exec(code);
        if (found) offences.push(`${file}: ${found[0]}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('finds a calendar where one is defined (the check above can fail)', () => {
    const code = readFileSync(join('src', 'core', 'series', 'periods.ts'), 'utf8');
    expect(code).toMatch(/export function isoWeekOf\b/);
    expect(code).toMatch(/export type PeriodGrain =/);
  });

  it('never uses Arrow builders in app code (they call new Function, which the CSP forbids)', () => {
    const app = ['src/core', 'src/model', 'src/workers', 'src/state', 'src/ui'].flatMap(sourceFiles);
    const offences = app.filter((file) => /\b(vectorFromArray|tableFromArrays|tableFromJSON|makeBuilder|builderThroughIterable)\s*\(/.test(readFileSync(file, 'utf8')));
    expect(offences).toEqual([]);
  });
});
