import { useMemo } from 'react';
import { planAtServiceLevel, planTable, planTableCsv, rowId, type PlanTableRow } from '../../core/plan/table.ts';
import type { PlanFlag, ReconciliationMethod } from '../../core/plan/plan.ts';
import type { ForecastPlanResult } from '../../workers/forecastProtocol.ts';
import { halfYear, planGroupColumns, planInput, stockColumnOf, stockColumns, usePlan } from '../../state/plan.ts';
import { prepare } from '../../core/dashboard/prepared.ts';
import { useAppStore, type DashboardSpec, type LoadedDataset, type PlanSettings } from '../../state/store.ts';
import { downloadBlob } from '../download.ts';
import { coreText, formatNumber, translate, translateWithPeriods, type Language, type MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { facetTitle } from './facetNames.ts';

const flagKeys: Record<PlanFlag, MessageKey> = { 'slow mover': 'planFlagSlow', 'likely sell-out': 'planFlagSellOut' };

/** A plan flag in the merchandiser's words. */
export function flagText(language: Language, flag: PlanFlag): string {
  return translate(language, flagKeys[flag]);
}

/** How the plan's totals were made coherent, in the interface language (from the plan's method, not its English). */
export function reconciliationText(language: Language, method: ReconciliationMethod): string {
  if (method === 'mint') return translate(language, 'planReconMint');
  if (method === 'bottom-up') return translate(language, 'planReconBottomUp');
  return translate(language, 'planReconNone');
}

/**
 * The plan's notes in the interface language: the notes on the whole plan, then each distinct note
 * of its rows (e.g. "less than a year of history"), once however many rows have it.
 */
export function planNotesText(language: Language, result: Pick<ForecastPlanResult, 'notes' | 'rows'>): string[] {
  const lines = result.notes.map((note) => coreText(language, note));
  for (const row of result.rows) for (const message of row.planNotes ?? []) lines.push(coreText(language, message));
  return [...new Set(lines)];
}

/** A row's name: the total, a sub-total ("Coat — all") or the group's values joined. */
export function planRowName(language: Language, row: Pick<PlanTableRow, 'key' | 'level'>): string {
  if (row.level === 'total') return translate(language, 'planTotal');
  if (row.level === 'subtotal') return translate(language, 'planSubtotal', { value: row.key[0]! });
  return row.key.join(' · ');
}

/** The plan table as shown at the settings' service level, with the user's edits (or undefined while there is no plan). */
export function usePlanTable(dataset: LoadedDataset, spec: DashboardSpec, settings: PlanSettings) {
  const language = useAppStore((s) => s.language);
  const prepared = prepare(dataset);
  const otherLabel = translate(language, 'planOther');
  const input = useMemo(() => planInput(prepared, spec, settings, otherLabel), [prepared, spec, settings.second, settings.horizon, settings.stockColumn, otherLabel]);
  const state = usePlan(input);
  const edits = useMemo(() => new Map(input && settings.editsFor === input.id ? Object.entries(settings.edits) : []), [input, settings.edits, settings.editsFor]);
  const table = useMemo(() => (state.result ? planTable(planAtServiceLevel(state.result.rows, settings.serviceLevel), edits) : undefined), [state.result, settings.serviceLevel, edits]);
  return { input, state, table, edits };
}

/** Whole units as the interface writes them ('—' when unknown). */
function units(language: Language, value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : formatNumber(language, value);
}

/** The season plan: units per group for next season, ranges, the quantity to buy at a chosen service level (editable), flags and a CSV export. */
export function PlanView({ dataset, spec }: { dataset: LoadedDataset; spec: DashboardSpec }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const settings = useAppStore((s) => s.plan);
  const updatePlan = useAppStore((s) => s.updatePlan);
  const prepared = prepare(dataset);
  const { input, state, table, edits } = usePlanTable(dataset, spec, settings);
  if (!prepared.unitsColumn) return <p className="notice" data-testid="plan-no-units">{t('planNoUnits')}</p>;
  const groupable = planGroupColumns(dataset);
  const stockNames = stockColumns(dataset);
  const stockColumn = stockColumnOf(dataset, settings);
  const level = Math.round(settings.serviceLevel * 100);
  const notes = state.result ? planNotesText(language, state.result) : [];
  const setEdit = (row: PlanTableRow, text: string) => {
    if (!input) return;
    const next = input.id === settings.editsFor ? { ...settings.edits } : {};
    const id = rowId(row.key);
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0) delete next[id];
    else next[id] = Math.round(value);
    updatePlan({ edits: next, editsFor: input.id });
  };
  return (
    <div className="plan" data-testid="plan-view">
      <p className="muted">{t('planIntro')}</p>
      <div className="controls" role="group">
        <span>
          {t('planGroupBy')} <strong>{input ? facetTitle(language, input.columns[0]!, dataset.columns) : '—'}</strong>
        </span>
        <label>
          {t('planAndBy')}{' '}
          <select value={settings.second} onChange={(e) => updatePlan({ second: e.target.value })} data-testid="plan-second">
            <option value="">{t('planNoSecond')}</option>
            {groupable.filter((c) => c !== input?.columns[0]).map((c) => (
              <option key={c} value={c}>
                {facetTitle(language, c, dataset.columns)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planSeasonLength')}{' '}
          <input
            type="number"
            min={1}
            max={52}
            value={input?.horizon ?? settings.horizon ?? halfYear(4)}
            onChange={(e) => updatePlan({ horizon: Math.max(1, Math.min(52, Math.round(Number(e.target.value)) || 1)) })}
            data-testid="plan-horizon"
            style={{ width: '4rem' }}
          />{' '}
          {t('periods')}
        </label>
        <label title={t('planServiceHint')}>
          {t('planServiceLevel')}{' '}
          <input type="range" min={50} max={99} step={1} value={level} onChange={(e) => updatePlan({ serviceLevel: Number(e.target.value) / 100 })} data-testid="plan-service-level" />{' '}
          <output data-testid="plan-service-value">{level} %</output>
        </label>
        <label>
          {t('planStock')}{' '}
          <select value={stockColumn ?? ''} onChange={(e) => updatePlan({ stockColumn: e.target.value })} data-testid="plan-stock">
            <option value="">{t('planNoStock')}</option>
            {stockNames.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!table || !input}
          data-testid="plan-export"
          onClick={() => {
            if (!table || !input) return;
            downloadBlob(new Blob([planTableCsv(table, input.columns)], { type: 'text/csv' }), `${dataset.fileName.replace(/\.[^.]+$/, '')}-plan.csv`);
          }}
        >
          {t('planExport')}
        </button>
        {edits.size > 0 && (
          <button type="button" onClick={() => updatePlan({ edits: {}, editsFor: '' })} data-testid="plan-reset-edits">
            {t('planResetEdits')}
          </button>
        )}
      </div>
      {input && !input.grouped && <p className="notice" data-testid="plan-nothing">{t('planNothing')}</p>}
      {state.status === 'running' && (
        <p className="notice" data-testid="plan-running">
          {t('planRunning')}
          {state.progress?.total ? ` ${formatNumber(language, state.progress.done)} / ${formatNumber(language, state.progress.total)}` : ''}
        </p>
      )}
      {state.status === 'failed' && <p className="error" data-testid="plan-error">{t('planFailed', { error: coreText(language, state.errorDetail, state.error ?? '') })}</p>}
      {table && input?.grouped && state.result && (
        <>
          <p className="muted" data-testid="plan-basis">
            {translateWithPeriods(language, 'planBasis', { n: input.horizon, last: input.periodLabels.at(-1) ?? '', from: input.periodLabels[0] ?? '', level: `${level} %` }, ['from', 'last'])}
          </p>
          <p data-testid="plan-reconciliation" data-method={state.result.method}>
            {reconciliationText(language, state.result.method)}
          </p>
          {input.grouped.lumped > 0 && <p className="muted">{t('planLumped', { n: input.grouped.lumped, other: translate(language, 'planOther') })}</p>}
          <table className="plan-table" data-testid="plan-table">
            <PlanTableHeader range95 stock={Boolean(input.stockColumn)} />
            <tbody>
              {table.map((row) => {
                const name = planRowName(language, row);
                return (
                  <tr key={rowId(row.key)} data-level={row.level} data-key={row.key.filter(Boolean).join(' · ')} className={row.level === 'group' ? '' : 'plan-total'}>
                    <th scope="row" style={row.level === 'group' && input.columns.length > 1 ? { paddingLeft: '1.5rem', fontWeight: 'normal' } : row.level === 'group' ? { fontWeight: 'normal' } : undefined}>
                      {name}
                    </th>
                    <td className="num" data-testid="plan-last">{units(language, row.lastSeason)}</td>
                    <td className="num" data-testid="plan-forecast">{units(language, row.forecast)}</td>
                    <td className="num">{Number.isFinite(row.change) ? `${row.change >= 0 ? '+' : '−'}${formatNumber(language, Math.abs(row.change * 100))} %` : '—'}</td>
                    <td className="num">{Number.isFinite(row.lo80) ? `${units(language, row.lo80)} – ${units(language, row.hi80)}` : '—'}</td>
                    <td className="num">{Number.isFinite(row.lo95) ? `${units(language, row.lo95)} – ${units(language, row.hi95)}` : '—'}</td>
                    {input.stockColumn && <td className="num">{units(language, row.stock)}</td>}
                    <td className={row.edited ? 'num edited' : 'num'} data-testid="plan-units" data-units={row.plan} data-edited={row.edited || undefined} title={row.edited ? t('planEdited', { n: formatNumber(language, row.suggested) }) : undefined}>
                      {row.level === 'group' ? (
                        <input
                          type="number"
                          min={0}
                          step={1}
                          aria-label={t('planEditLabel', { group: name })}
                          value={row.plan}
                          onChange={(e) => setEdit(row, e.target.value)}
                          data-testid="plan-input"
                          style={{ width: '6rem', textAlign: 'right', fontWeight: row.edited ? 'bold' : undefined }}
                        />
                      ) : (
                        <strong>{units(language, row.plan)}</strong>
                      )}
                      {row.edited && <span className="muted"> ✎</span>}
                    </td>
                    <td data-testid="plan-flag">{row.flags.map((f) => flagText(language, f)).join('; ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {notes.length > 0 && (
            <details data-testid="plan-notes">
              <summary>{t('planNotes')}</summary>
              <ul>
                {notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

/** The header row of a plan table (the Plan view's, with the 95 % range and stock when given; the report's without). */
export function PlanTableHeader({ range95 = false, stock = false }: { range95?: boolean; stock?: boolean }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th>{t('planColGroup')}</th>
        <th className="num">{t('planColLastSeason')}</th>
        <th className="num">{t('planColForecast')}</th>
        <th className="num">{t('planColChange')}</th>
        <th className="num">{t('planColRange80')}</th>
        {range95 && <th className="num">{t('planColRange95')}</th>}
        {stock && <th className="num">{t('planColStock')}</th>}
        <th className="num">{t('planColPlan')}</th>
        <th>{t('planColFlag')}</th>
      </tr>
    </thead>
  );
}
