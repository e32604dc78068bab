import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint rule of this project: pure compute stays pure. `src/core`, `src/model` and the text
// tables of `src/i18n` never import React, zustand, recharts or the UI, and never touch the DOM, so
// every step of the data flow can be called from a Node test and from a worker.
const pureRoots = ['src/core', 'src/model', 'src/i18n'];
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

  it('keeps state free of the UI (state imports no ui; the text tables live in src/i18n)', () => {
    const offences = sourceFiles('src/state').filter((file) => /from ['"][./]+\/ui\//.test(readFileSync(file, 'utf8')));
    expect(sourceFiles('src/state').length).toBeGreaterThan(0);
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
    const everywhere = ['src/core', 'src/model', 'src/i18n', 'src/workers', 'src/state', 'src/ui', 'src/cli', 'src/pwa'].flatMap(sourceFiles).filter((file) => !file.startsWith(join('src', 'core', 'series')));
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

  // Layers (issue 19): data flows one way, so each folder of src/ imports only the folders below
  // it. A back-flow is an import of a folder a layer may not use (state importing ui was one).
  it('has no back-flow: each layer imports only the layers below it', () => {
    const offences = importGraph().edges.filter(({ from, to }) => {
      const allowed = layers[layerOf(from)];
      return allowed !== undefined && !allowed.includes(layerOf(to));
    });
    expect(offences.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('has no import circle among the modules of src/ (type-only imports count too)', () => {
    const found = importCircles(importGraph().edges).map((circle) => circle.join(' <-> '));
    const stale = knownCircles.filter((circle) => !found.includes(circle));
    expect(stale, 'a known circle is gone: remove it from knownCircles').toEqual([]);
    expect(found.filter((circle) => !knownCircles.includes(circle))).toEqual([]);
  });

  it('finds back-flows and circles where there are some (the checks above can fail)', () => {
    const edges = [
      { from: 'src/state/a.ts', to: 'src/ui/b.tsx' },
      { from: 'src/ui/b.tsx', to: 'src/state/c.ts' },
      { from: 'src/state/c.ts', to: 'src/state/a.ts' },
      { from: 'src/core/d.ts', to: 'src/core/e.ts' },
    ];
    expect(edges.filter(({ from, to }) => !layers[layerOf(from)]!.includes(layerOf(to)))).toEqual([edges[0]]);
    expect(importCircles(edges)).toEqual([['src/state/a.ts', 'src/state/c.ts', 'src/ui/b.tsx']]);
    expect(importGraph().edges.some(({ from, to }) => from === join('src', 'state', 'store.ts') && to.startsWith(join('src', 'core')))).toBe(true);
  });
});

/** What each folder of src/ may import (itself included); files at src/ itself (the page entries) may import anything. */
const layers: Record<string, readonly string[]> = {
  core: ['core'],
  model: ['core', 'model'],
  i18n: ['core', 'i18n'],
  workers: ['core', 'model', 'workers'],
  state: ['core', 'model', 'i18n', 'workers', 'state'],
  ui: ['core', 'model', 'i18n', 'workers', 'state', 'ui'],
  cli: ['core', 'model', 'workers', 'cli'],
  pwa: ['pwa'],
};

/**
 * Circles known to be on their way out, each as importCircles writes it: none since the
 * dashboard's counting model moved into core/dashboard (issue 19, item 2).
 */
const knownCircles: readonly string[] = [];

/** The folder of src/ a file belongs to ('' for the files at src/ itself). */
function layerOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 2 ? parts[1]! : '';
}

/** Every relative import (static, dynamic, re-export; type-only included) between the non-test source files of src/. */
function importGraph(): { files: string[]; edges: { from: string; to: string }[] } {
  const files = ['src'].flatMap(sourceFiles);
  const known = new Set(files);
  const edges: { from: string; to: string }[] = [];
  for (const from of files) {
    const code = readFileSync(from, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const to = normalize(join(dirname(from), match[1]!));
      if (known.has(to)) edges.push({ from, to });
    }
  }
  return { files, edges };
}

/** The import circles of a graph: each strongly connected set of two or more files, sorted. */
function importCircles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      members.push(w);
    } while (w !== v);
    if (members.length > 1) circles.push(members.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return circles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
