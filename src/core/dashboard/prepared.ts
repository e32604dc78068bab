/**
 * The dashboard's counting model (issue 19, item 2): a dataset coded once for interactive
 * counting. The store holds datasets; the page and the state call `prepare` and count through it.
 * Pure: no DOM, no React, no store.
 */
import { codeColumn, datesOf, numbersOf, type CodedColumn } from './columns.ts';
import type { CodeFilter } from './cube.ts';
import { foundKindOf } from './facets.ts';
import { assignPeriods, type PeriodAssignment, type PeriodGrain } from './periods.ts';
import type { CountableDataset, DashboardSpec } from './spec.ts';
import { adviseGrain, dataRange, type ThinAdvice } from './support.ts';
import { computeTrends, type TrendResult } from './trends.ts';
import { headOfColumn, sureFlagsOf } from './unsure.ts';
import { modelHeadsIn, sureColumn } from '../columnKinds.ts';
import { attributeExtractor, type AttributeColumn, type AttributeKind } from '../text/attributes.ts';

export type { CountableDataset, DashboardSpec } from './spec.ts';

/** Trend series trimmed to the periods with data; `periodOffset` maps back to the dataset's period indices; `minSupport` is the minimum they were counted with. */
export type DashboardTrends = TrendResult & { periods: PeriodAssignment; periodOffset: number; minSupport: number };

/**
 * A dataset made ready for interactive counting: columns coded once, dates bucketed once per
 * grain. Everything is cached per dataset object, so a filter change only recounts integers.
 * `D` is the caller's dataset type (the app's LoadedDataset), kept as `dataset`.
 */
export class PreparedDataset<D extends CountableDataset = CountableDataset> {
  private readonly codedColumns = new Map<string, CodedColumn>();
  private readonly periodCache = new Map<PeriodGrain, PeriodAssignment>();
  /** The date column used for periods, if the dataset has one. */
  readonly dateColumn: string | undefined;
  /** The units column used for units shares, if any. */
  readonly unitsColumn: string | undefined;
  private datesCache: Float64Array | undefined;
  private unitsCache: Float64Array | undefined;
  // Recent trend results by spec (least recently used first), so a selection seen before is not recounted.
  private readonly trendCache = new Map<string, DashboardTrends | undefined>();
  private readonly sureCache = new Map<string, Uint8Array | undefined>();
  private extractor: ReturnType<typeof attributeExtractor> | undefined;
  private foundWaiting: Promise<Record<AttributeKind, AttributeColumn>> | undefined;
  private readonly foundListeners = new Set<(done: number, total: number) => void>();

  /** The model heads the table's columns show (core/columnKinds.ts `modelHeadsIn`). */
  readonly modelHeads: readonly string[];

  constructor(readonly dataset: D) {
    this.modelHeads = modelHeadsIn(dataset.table.schema.fields.map((f) => f.name));
    this.dateColumn = dataset.columns.find((c) => c.role === 'date')?.name;
    this.unitsColumn = dataset.columns.find((c) => c.role === 'units')?.name;
  }

  /** Number of items. */
  get itemCount(): number {
    return this.dataset.table.numRows;
  }

  /**
   * Sure/unsure flags (one byte per item, see core/dashboard/unsure.ts) of a label column's
   * `sure_<head>` column, or undefined when the column has none (file columns, fine-tuned heads). Cached.
   */
  sureFlags(column: string): Uint8Array | undefined {
    const head = headOfColumn(column, this.modelHeads);
    if (!head) return undefined;
    if (!this.sureCache.has(head)) {
      const vector = this.dataset.table.getChild(sureColumn(head));
      this.sureCache.set(head, vector ? sureFlagsOf(vector) : undefined);
    }
    return this.sureCache.get(head);
  }

  /**
   * The materials, colours and patterns named in each item's text (its text columns joined), found
   * for all three kinds in one pass over the items; what `foundInBackground` has not read yet is
   * read now.
   */
  found(): Record<AttributeKind, AttributeColumn> {
    return this.foundExtractor().result();
  }

  /** Whether `found` would answer without reading any more items. */
  get foundReady(): boolean {
    return this.extractor !== undefined && this.extractor.done >= this.itemCount;
  }

  /**
   * `found`, read a slice of FOUND_SLICE items per idle moment of the page (so the page answers
   * the user meanwhile on 100k+ items); `onProgress` hears how many items are read after each
   * slice. Started once per dataset; every caller gets the same promise.
   */
  foundInBackground(onProgress?: (done: number, total: number) => void): Promise<Record<AttributeKind, AttributeColumn>> {
    const extractor = this.foundExtractor();
    if (onProgress) this.foundListeners.add(onProgress);
    this.foundWaiting ??= new Promise((resolve) => {
      const step = () => {
        // (`found` may have read the rest meanwhile.)
        if (extractor.advance(FOUND_SLICE)) {
          this.foundListeners.clear();
          return resolve(extractor.result());
        }
        for (const listener of this.foundListeners) listener(extractor.done, this.itemCount);
        setTimeout(step, 0);
      };
      step();
    });
    return this.foundWaiting;
  }

  private foundExtractor(): ReturnType<typeof attributeExtractor> {
    if (!this.extractor) {
      const vectors = this.dataset.columns.filter((c) => c.role === 'text').flatMap((c) => this.dataset.table.getChild(c.name) ?? []);
      this.extractor = attributeExtractor(this.itemCount, (row) => {
        let text = '';
        for (const vector of vectors) {
          const value: unknown = vector.get(row);
          if (value === null || value === undefined) continue;
          text += (text ? ' \n ' : '') + (typeof value === 'string' ? value : typeof value === 'object' && 'toArray' in value ? Array.from((value as { toArray(): ArrayLike<unknown> }).toArray()).join(', ') : String(value));
        }
        return text;
      });
    }
    return this.extractor;
  }

  /** The coded form of a column (cached); `found_in_text:<kind>` is what the item text names (see `found`). */
  coded(column: string): CodedColumn {
    let coded = this.codedColumns.get(column);
    const kind = coded ? undefined : foundKindOf(column);
    if (kind) {
      const found = this.found()[kind];
      coded = { labels: found.labels, values: found.values };
      this.codedColumns.set(column, coded);
    }
    if (!coded) {
      const vector = this.dataset.table.getChild(column);
      if (!vector) throw new Error(`The column "${column}" is not in this file.`);
      coded = codeColumn(vector);
      this.codedColumns.set(column, coded);
    }
    return coded;
  }

  /** Item dates as UTC ms (NaN when missing); undefined without a date column. */
  dates(): Float64Array | undefined {
    if (!this.dateColumn) return undefined;
    this.datesCache ??= datesOf(this.dataset.table.getChild(this.dateColumn)!);
    return this.datesCache;
  }

  /** Units per item; undefined without a units column. */
  units(): Float64Array | undefined {
    if (!this.unitsColumn) return undefined;
    this.unitsCache ??= numbersOf(this.dataset.table.getChild(this.unitsColumn)!);
    return this.unitsCache;
  }

  /** Items bucketed into periods of the grain (cached per grain). */
  periods(grain: PeriodGrain): PeriodAssignment | undefined {
    const dates = this.dates();
    if (!dates) return undefined;
    let periods = this.periodCache.get(grain);
    if (!periods) {
      periods = assignPeriods(dates, grain);
      this.periodCache.set(grain, periods);
    }
    return periods;
  }

  /** The code filters for a spec's filter selections. */
  filters(spec: DashboardSpec): CodeFilter[] {
    const out: CodeFilter[] = [];
    for (const [column, allowedValues] of Object.entries(spec.filters)) {
      if (!allowedValues || allowedValues.length === 0) continue;
      const coded = this.coded(column);
      if (coded.labels.kind !== 'single') continue;
      const allowed = new Set(allowedValues.map((v) => coded.values.indexOf(v)).filter((c) => c >= 0));
      out.push({ codes: coded.labels.codes, allowed });
    }
    return out;
  }

  /** The spec's date range as period indices of `periods`, or undefined for all dates. */
  periodRange(periods: PeriodAssignment, spec: DashboardSpec): [number, number] | undefined {
    if (spec.dateFrom === undefined && spec.dateTo === undefined) return undefined;
    const last = periods.starts.length - 1;
    let from = 0;
    let to = last;
    if (spec.dateFrom !== undefined) while (from < last && periods.starts[from]! < spec.dateFrom) from++;
    if (spec.dateTo !== undefined) while (to > 0 && periods.starts[to]! > spec.dateTo) to--;
    return [from, Math.max(from, to)];
  }

  /**
   * Trend series for a dashboard spec, or undefined when the dataset has no dates. Leading and
   * trailing periods without any item are trimmed, so charts start and end where the data does
   * ("now" is the last period with data, however few items it has); thin periods (fewer than
   * minSupport items) stay, their shares in `thinShare` (issue 17, item 1).
   */
  trends(spec: DashboardSpec): DashboardTrends | undefined {
    const key = trendKey(spec);
    if (this.trendCache.has(key)) {
      const cached = this.trendCache.get(key);
      this.trendCache.delete(key);
      this.trendCache.set(key, cached);
      return cached;
    }
    const result = this.countTrends(spec);
    this.trendCache.set(key, result);
    if (this.trendCache.size > TREND_CACHE_SIZE) this.trendCache.delete(this.trendCache.keys().next().value!);
    return result;
  }

  /**
   * Advice when too many periods at the spec's grain have fewer than minSupport items: the finest
   * coarser grain with enough items per period (counted under the same filters), if any.
   * Undefined when the grain shown is well supported or the dataset has no dates.
   */
  grainAdvice(spec: DashboardSpec): ThinAdvice | undefined {
    return adviseGrain(spec.grain, (grain) => this.trends({ ...spec, grain })?.periodSupport, spec.minSupport);
  }

  /** Whether the trends of a spec are already counted (and cached). */
  hasTrends(spec: DashboardSpec): boolean {
    return this.trendCache.has(trendKey(spec));
  }

  /** The same as `trends`, always counted afresh (neither read from nor added to the cache). */
  countTrends(spec: DashboardSpec): DashboardTrends | undefined {
    const periods = this.periods(spec.grain);
    if (!periods || !spec.facet) return undefined;
    const coded = this.coded(spec.facet);
    const result = computeTrends({
      periodIndex: periods.periodIndex,
      periodCount: periods.labels.length,
      labels: coded.labels,
      values: coded.values,
      weights: spec.measure === 'units' ? this.units() : undefined,
      filters: this.filters(spec),
      periodRange: this.periodRange(periods, spec),
      minSupport: spec.minSupport,
      topN: spec.topN,
      sure: this.sureFlags(spec.facet),
      includeUnsure: spec.includeUnsure === true,
    });
    const range = dataRange(result.periodSupport) ?? [0, periods.labels.length - 1];
    const [from, to] = range;
    if (from === 0 && to === periods.labels.length - 1) return { ...result, periods, periodOffset: 0, minSupport: spec.minSupport };
    const trimmed: PeriodAssignment = { ...periods, labels: periods.labels.slice(from, to + 1), starts: periods.starts.slice(from, to + 1), firstKey: periods.firstKey + from };
    return {
      ...result,
      series: result.series.map((s) => ({ ...s, share: s.share.slice(from, to + 1), ...(s.thinShare ? { thinShare: s.thinShare.slice(from, to + 1) } : {}), support: s.support.slice(from, to + 1) })),
      periodSupport: result.periodSupport.slice(from, to + 1),
      periods: trimmed,
      periodOffset: from,
      minSupport: spec.minSupport,
    };
  }
}

/** Items read per slice when materials, colours and patterns are found in the background (a few ms each). */
const FOUND_SLICE = 2000;

/** How many trend results a dataset keeps (each is a few series × periods of numbers). */
const TREND_CACHE_SIZE = 128;

// What a trend result depends on (not the forecast horizon), as a string; empty filters drop out.
function trendKey(spec: DashboardSpec): string {
  const filters = Object.entries(spec.filters).filter(([, values]) => values && values.length > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([spec.facet, spec.grain, spec.measure, filters, spec.dateFrom ?? null, spec.dateTo ?? null, spec.minSupport, spec.topN, spec.includeUnsure === true]);
}

/**
 * Counts the trends of `specs` ahead, one per idle moment of the page (each takes a few
 * milliseconds on a million items), starting after `delayMs` of quiet (so a user flipping
 * through selections, and the forecasts of the one they stop at, come first). Choosing one of
 * them later draws without a recount. Returns a function that stops the rest.
 */
export function precomputeTrends(prepared: PreparedDataset, specs: DashboardSpec[], delayMs = 1000): () => void {
  const pending = specs.filter((spec) => !prepared.hasTrends(spec));
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50) as unknown as number);
  const cancelIdle = globalThis.cancelIdleCallback ?? ((handle: number) => clearTimeout(handle));
  let handle = 0;
  let stopped = false;
  const next = () => {
    if (stopped || pending.length === 0) return;
    handle = idle(() => {
      if (stopped) return;
      prepared.trends(pending.shift()!);
      next();
    });
  };
  const timer = setTimeout(next, delayMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
    cancelIdle(handle);
  };
}

const prepared = new WeakMap<CountableDataset, PreparedDataset<CountableDataset>>();

/** The prepared form of a dataset (one per dataset object). */
export function prepare<D extends CountableDataset>(dataset: D): PreparedDataset<D> {
  let p = prepared.get(dataset) as PreparedDataset<D> | undefined;
  if (!p) {
    p = new PreparedDataset(dataset);
    prepared.set(dataset, p);
  }
  return p;
}
