import { modelLabelColumn, modelProbabilityColumn } from '../../core/columnKinds.ts';
import { useEffect, useMemo, useState } from 'react';
import { unsureHeadFor, unsureSummary } from '../../core/dashboard/unsure.ts';
import { itemsContradicted, itemsInScript, itemsLeftUnnamed, itemsWithoutEvidence } from '../../model/calibration.ts';
import { datasetItemTexts } from '../../model/predictionColumns.ts';
import { prepare, type DashboardTrends } from '../../core/dashboard/prepared.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { TEACH_BATCH } from '../../core/finetune/teach.ts';
import { TEACH_SUGGESTED, suggestToTeach, taughtMap, teachBatch, undoLastBatch } from '../../state/teach.ts';
import { CancelledError, type Progress } from '../../workers/protocol.ts';
import { formatNumber, translateTerm, type Language } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';

const percent = (language: Language, share: number) => `${formatNumber(language, share * 100)} %`;

/**
 * How much of the catalogue the model is unsure about, in words, with the switch that counts
 * unsure labels in the trends, and "Teach the model" (issue 13, items 1-2).
 */
export function UnsurePanel({ dataset, trends }: { dataset: LoadedDataset; trends: DashboardTrends | undefined }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const spec = useAppStore((s) => s.dashboard)!;
  const update = useAppStore((s) => s.updateDashboard);
  const [teaching, setTeaching] = useState(false);
  const names = dataset.columns.map((c) => c.name);
  const head = unsureHeadFor(spec.facet, names);
  const prepared = prepare(dataset);
  const summary = useMemo(() => {
    const flags = head ? prepared.sureFlags(modelLabelColumn(head)) : undefined;
    return flags ? unsureSummary(flags) : undefined;
  }, [prepared, head]);
  const model = useAppStore((s) => s.model);
  // Items a script rule of the model keeps unsure for this head (Chinese text: the model has not learnt real Chinese titles).
  // Items an evidence rule keeps unsure (their text names no colour, for the colour head).
  // A head every shop labels its own way (usage) is never sure; that note says why, and the others would add nothing.
  const convention = head ? model?.unsure?.conventions?.some((r) => r.heads.includes(head)) === true : false;
  const scriptRule = head && !convention ? model?.unsure?.scripts?.find((r) => r.heads.includes(head)) : undefined;
  const evidenceRule = head && !convention ? model?.unsure?.evidence?.find((r) => r.heads.includes(head)) : undefined;
  // A taught head is not bound by the text-named and text-contradiction rules.
  const untaught = head && !convention && !dataset.teach?.[head] ? head : undefined;
  // Items a text-named rule keeps unsure (their text does not say who the item is for, for gender).
  const textNamedRule = untaught ? model?.unsure?.textNamed?.find((r) => r.head === untaught) : undefined;
  // Items a text-contradiction rule keeps unsure (their text names other article types than the model's).
  const contradictionRule = untaught ? model?.unsure?.textContradiction?.find((r) => r.head === untaught) : undefined;
  const { inScript, withoutEvidence, unnamed, contradicted } = useMemo(() => {
    if (!scriptRule && !evidenceRule && !textNamedRule && !contradictionRule) return { inScript: 0, withoutEvidence: 0, unnamed: 0, contradicted: 0 };
    const texts = datasetItemTexts(dataset);
    const labelsOf = (rule: { head: string } | undefined) => (rule ? dataset.table.getChild(modelLabelColumn(rule.head)) : null);
    const named = labelsOf(textNamedRule);
    const contradictable = labelsOf(contradictionRule);
    return {
      inScript: scriptRule ? itemsInScript(texts, scriptRule) : 0,
      withoutEvidence: evidenceRule ? itemsWithoutEvidence(texts, evidenceRule) : 0,
      unnamed: textNamedRule && named ? itemsLeftUnnamed(texts, named, textNamedRule) : 0,
      contradicted: contradictionRule && contradictable ? itemsContradicted(texts, contradictable, contradictionRule) : 0,
    };
  }, [scriptRule, evidenceRule, textNamedRule, contradictionRule, dataset]);
  if (!head || !summary || summary.labelled === 0) return null;
  const headName = translateTerm(language, 'head_', head);
  // Inside a sentence ("names another article type"), not as a title.
  const headInSentence = headName.toLowerCase();
  const taughtCount = taughtMap(dataset.teach?.[head]).size;
  const facetFlagged = prepared.sureFlags(spec.facet) !== undefined;
  return (
    <div className="unsure-panel">
      <p data-testid="unsure-share" data-share={summary.share.toFixed(4)} data-unsure={summary.unsure} data-labelled={summary.labelled}>
        {summary.unsure === 0
          ? t('unsureShareNone', { head: headName })
          : taughtCount > 0
            ? t('unsureShareTaught', { share: percent(language, summary.share), head: headName, taught: formatNumber(language, taughtCount) })
            : t('unsureShare', { share: percent(language, summary.share), head: headName, n: formatNumber(language, Math.min(TEACH_SUGGESTED, summary.unsure)) })}{' '}
        {!teaching && (summary.unsure > 0 || dataset.teach?.[head]) && (
          <button type="button" className="primary" onClick={() => setTeaching(true)} data-testid="teach-open">
            {t('teachModel')}
          </button>
        )}
      </p>
      {convention && taughtCount === 0 && (
        <p className="muted" data-testid="unsure-convention">
          {t('unsureConvention', { head: headInSentence })}
        </p>
      )}
      {(
        [
          ['unsure-script', inScript, 'unsureScriptHan'],
          ['unsure-evidence', withoutEvidence, 'unsureNoColourWord'],
          ['unsure-unnamed', unnamed, 'unsureUnnamed'],
          ['unsure-contradicted', contradicted, 'unsureContradicted'],
        ] as const
      ).map(
        ([testId, items, message]) =>
          items > 0 && (
            <p key={testId} className="muted" data-testid={testId} data-items={items}>
              {t(message, { n: formatNumber(language, items), head: headInSentence })}
            </p>
          ),
      )}
      {facetFlagged && (
        <label className="muted">
          <input type="checkbox" checked={spec.includeUnsure === true} onChange={(e) => update({ includeUnsure: e.target.checked })} data-testid="include-unsure" /> {t('includeUnsure')}
        </label>
      )}
      {trends?.sureOnly && trends.unsureItems > 0 && (
        <span className="muted" data-testid="sure-only-note" data-left-out={trends.unsureItems}>
          {' '}
          · {t('sureOnlyNote', { unsure: formatNumber(language, trends.unsureItems) })}
        </span>
      )}
      {teaching && <TeachPanel dataset={dataset} head={head} onClose={() => setTeaching(false)} />}
    </div>
  );
}

/** The teach loop: a handful of suggested items to label, fine-tuning after each batch, undo, and the held-out estimate. */
function TeachPanel({ dataset, head, onClose }: { dataset: LoadedDataset; head: string; onClose: () => void }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const model = useAppStore((s) => s.model);
  const [rows, setRows] = useState<number[] | null>(null);
  const [choices, setChoices] = useState<Map<number, string>>(new Map());
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState<AbortController | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const record = dataset.teach?.[head];
  const texts = useMemo(() => datasetItemTexts(dataset), [dataset]);
  const guesses = dataset.table.getChild(modelLabelColumn(head));
  const probabilities = dataset.table.getChild(modelProbabilityColumn(head));
  const taught = taughtMap(record);
  const options = [...new Set([...(model?.labels[head] ?? []), ...taught.values()])].sort((a, b) => a.localeCompare(b));

  // Runs one task with its own abort; `quiet` tasks (the suggestions) say nothing when stopped because the panel moved on.
  const run = async (task: (signal: AbortSignal) => Promise<void>, controller = new AbortController(), quiet = false) => {
    setBusy(controller);
    setMessage(null);
    try {
      await task(controller.signal);
    } catch (error) {
      if (quiet && error instanceof CancelledError) return;
      setMessage(error instanceof CancelledError ? t('cancelled') : (error as Error).message);
    } finally {
      setBusy((current) => (current === controller ? null : current));
      setProgress(null);
    }
  };

  // The next batch for the dataset as it is now (after each round the suggestions are recomputed).
  useEffect(() => {
    setRows(null);
    const controller = new AbortController();
    void run(
      async () => {
        const next = await suggestToTeach(dataset, head, TEACH_BATCH, language, model?.unsure);
        setRows(next);
        setChoices(new Map(next.map((row) => [row, String(guesses?.get(row) ?? '')])));
      },
      controller,
      true,
    );
    // Closing the panel, or a new dataset, stops the search still running for the old one.
    return () => controller.abort();
    // Suggestions follow the dataset (relabelled after each batch) and the head.
  }, [dataset, head]);

  const submit = () =>
    run(async (signal) => {
      const next = await teachBatch(dataset, head, choices, language, signal, setProgress);
      useAppStore.setState({ dataset: next });
    });
  const undo = () =>
    run(async (signal) => {
      const next = await undoLastBatch(dataset, head, language, signal, setProgress);
      useAppStore.setState({ dataset: next });
    });

  const listId = `teach-labels-${head}`;
  return (
    <section className="teach-panel" data-testid="teach-panel" aria-busy={busy !== null}>
      <h3>{t('teachPanelTitle', { head: translateTerm(language, 'head_', head) })}</h3>
      <p className="muted">{t('teachPanelHint')}</p>
      <datalist id={listId}>
        {options.map((label) => (
          <option key={label} value={label} />
        ))}
      </datalist>
      {rows === null && !message && <p className="muted">{t('teachFinding')}</p>}
      {rows !== null && rows.length === 0 && <p className="muted">{t('teachAllDone')}</p>}
      {rows !== null && rows.length > 0 && (
        <ol className="teach-items" data-testid="teach-items">
          {rows.map((row) => (
            <li key={row} data-row={row} data-testid="teach-item">
              <span className="teach-text">{texts[row]}</span>{' '}
              <span className="muted">{t('teachGuess', { label: String(guesses?.get(row) ?? '—'), p: percent(language, Number(probabilities?.get(row) ?? 0)) })}</span>{' '}
              <input
                list={listId}
                value={choices.get(row) ?? ''}
                onChange={(e) => setChoices(new Map(choices).set(row, e.target.value))}
                onFocus={(e) => e.target.select()}
                aria-label={texts[row]}
                data-testid="teach-label"
                disabled={busy !== null}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        {rows !== null && rows.length > 0 && (
          <button type="button" className="primary" onClick={() => void submit()} disabled={busy !== null} data-testid="teach-submit">
            {t('teachSubmit', { n: rows.length })}
          </button>
        )}
        {record && record.batches.length > 0 && (
          <button type="button" onClick={() => void undo()} disabled={busy !== null} data-testid="teach-undo">
            {t('teachUndo', { n: record.batches[record.batches.length - 1]!.length }, record.batches[record.batches.length - 1]!.length)}
          </button>
        )}
        {busy && (
          <button type="button" onClick={() => busy.abort()}>
            {t('cancel')}
          </button>
        )}
        <button type="button" onClick={onClose} data-testid="teach-close">
          {t('teachClose')}
        </button>
      </div>
      {progress && (
        <p className="muted" data-testid="teach-progress">
          {t('teachWorking', { stage: progress.stage === 'embed' ? t('embedStage') : t('trainStage'), done: formatNumber(language, progress.done), total: progress.total === undefined ? '?' : formatNumber(language, progress.total) })}
        </p>
      )}
      {message && (
        <p role="status" data-testid="teach-message">
          {message}
        </p>
      )}
      {record && (
        <p data-testid="teach-status" data-taught={taught.size} data-held-out={record.heldOut && record.heldOut.checked > 0 ? record.heldOut.accuracy.toFixed(4) : ''} data-spread={record.heldOut?.spread ? 'true' : 'false'} data-label-prior={record.heldOut?.priorWeights ? 'true' : 'false'}>
          {t('teachTaught', { n: formatNumber(language, taught.size), batches: formatNumber(language, record.batches.length) })}{' '}
          {record.heldOut && record.heldOut.checked > 0
            ? t('teachHeldOut', { accuracy: percent(language, record.heldOut.accuracy), correct: formatNumber(language, record.heldOut.correct), checked: formatNumber(language, record.heldOut.checked) })
            : t('teachHeldOutNone')}
          {record.heldOut?.spread && record.heldOut.spreadCorrect !== undefined && record.heldOut.headCorrect !== undefined
            ? ` ${t('teachSpreadUsed', { spread: formatNumber(language, record.heldOut.spreadCorrect), head: formatNumber(language, record.heldOut.headCorrect), checked: formatNumber(language, record.heldOut.checked) })}`
            : ''}
          {record.heldOut?.priorWeights && record.heldOut.priorCorrect !== undefined && record.heldOut.plainCorrect !== undefined
            ? ` ${t('teachPriorUsed', { prior: formatNumber(language, record.heldOut.priorCorrect), plain: formatNumber(language, record.heldOut.plainCorrect), checked: formatNumber(language, record.heldOut.checked) })}`
            : ''}
          {!record.headJson && record.reason ? ` ${t('teachNoHead', { reason: record.reason })}` : ''}
        </p>
      )}
    </section>
  );
}
