import { isLabelColumn } from '../../core/columnKinds.ts';
import { useEffect, useState } from 'react';
import { applyHeadToDataset, listHeads, parseHeadFile, saveHead, trainHeadOnDataset, type SavedHead, type TrainedHead } from '../../state/heads.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { CancelledError, type Progress } from '../../workers/protocol.ts';
import { downloadBlob } from '../download.ts';
import { coreText, formatBytes, formatNumber, progressMessage, translateTerm, unitLabel, type Language } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';
import { maxOf } from '../../core/extent.ts';

const percent = (language: Language, v: number) => `${formatNumber(language, v * 100, 1)}%`;

/** The model view: which model and backend, the user's own heads, and the fine-tuning flow. */
export function ModelView({ dataset }: { dataset: LoadedDataset }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const pct = (v: number) => percent(language, v);
  const model = useAppStore((s) => s.model);
  const labelling = useAppStore((s) => s.labelling);
  // The file's own label columns (not the labels the model or a head wrote).
  const candidates = dataset.columns.filter((c) => !isLabelColumn(c.name) && ['label', 'category', 'styles', 'colours', 'materials', 'season', 'gender'].includes(c.role));
  const [labelColumn, setLabelColumn] = useState(candidates[0]?.name ?? '');
  const multi = dataset.columns.find((c) => c.name === labelColumn)?.type === 'multi-label';
  const [separator, setSeparator] = useState<string>('|');
  const [useEmbedding, setUseEmbedding] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [abort, setAbort] = useState<AbortController | null>(null);
  const [trained, setTrained] = useState<TrainedHead | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedHead[]>([]);
  const refresh = () => void listHeads(useAppStore.getState().language).then(setSaved, () => setSaved([]));
  useEffect(refresh, []);

  const run = async (task: (signal: AbortSignal) => Promise<void>) => {
    const controller = new AbortController();
    setAbort(controller);
    setMessage(null);
    try {
      await task(controller.signal);
    } catch (error) {
      setMessage(error instanceof CancelledError ? t('cancelled') : (error as Error).message);
    } finally {
      setAbort(null);
      setProgress(null);
    }
  };

  const train = () =>
    run(async (signal) => {
      const result = await trainHeadOnDataset(dataset, labelColumn, { separator: multi ? separator : null, useEmbedding, language }, setProgress, signal);
      setTrained(result);
      await saveHead(result.head, language).then(refresh, (error: unknown) => setMessage((error as Error).message));
    });

  const fill = (head: TrainedHead['head']) =>
    run(async (signal) => {
      const { dataset: labelled, notes, columns } = await applyHeadToDataset(dataset, head, signal, setProgress);
      useAppStore.setState({ dataset: labelled });
      const said = notes.map((note) =>
        note.code === 'columnsStandIn'
          ? t('headColumnsStandIn', { missing: note.missing.join(', '), using: note.using.join(', ') })
          : t('headOtherLanguage', { head: formatNumber(language, 100 * note.headChineseShare), file: formatNumber(language, 100 * note.fileChineseShare) }),
      );
      setMessage([t('addedHeadColumns', { label: columns.label, probability: columns.probability, facet: t('facet') }), ...said].join(' '));
    });

  return (
    <div className="model-view" data-testid="model-view">
      <section>
        <h3>{t('modelTitle')}</h3>
        {model ? (
          <ul>
            <li>{t('modelDescription', { size: formatBytes(language, model.modelBytes), heads: model.heads.map((h) => translateTerm(language, 'head_', h)).join(', ') })}</li>
            <li data-testid="model-backend">
              {t('runningOn', { backend: model.backend === 'webgpu' ? 'WebGPU' : t('wasmWithThreads', { threads: model.threads }), reason: coreText(language, model.reasonDetail, model.reason) })}
            </li>
            <li>
              {t('loadedIn', { load: formatNumber(language, model.loadMs / 1000, 1), warmup: formatNumber(language, model.warmupMs / 1000, 2) })}
              {labelling
                ? t('labelledSummary', {
                    items: formatNumber(language, labelling.items),
                    unique: formatNumber(language, labelling.unique),
                    cached: formatNumber(language, labelling.cached),
                    seconds: formatNumber(language, labelling.seconds, 1),
                  })
                : ''}
            </li>
          </ul>
        ) : (
          <p className="muted">{t('modelLoadsLater')}</p>
        )}
      </section>
      <section>
        <h3>{t('teachTitle')}</h3>
        <p className="muted">{t('teachHint')}</p>
        <div className="controls">
          <label>
            {t('labelColumn')}{' '}
            <select value={labelColumn} onChange={(e) => setLabelColumn(e.target.value)} data-testid="head-label">
              {candidates.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {multi && (
            <label>
              {t('separator')} <input value={separator} onChange={(e) => setSeparator(e.target.value || '|')} style={{ width: '3rem' }} />
            </label>
          )}
          <label>
            <input type="checkbox" checked={useEmbedding} onChange={(e) => setUseEmbedding(e.target.checked)} aria-describedby="use-embedding-hint" /> <span title={t('useEmbeddingHint')}>{t('useEmbedding')}</span>
            <span id="use-embedding-hint" hidden>
              {t('useEmbeddingHint')}
            </span>
          </label>
          <button type="button" className="primary" disabled={!labelColumn || !!abort} onClick={() => void train()} data-testid="train-head" title={t('trainHeadHint')}>
            {t('trainHead')}
          </button>
          {abort && (
            <button type="button" onClick={() => abort.abort()} data-testid="cancel-head">
              {t('cancel')}
            </button>
          )}
        </div>
        {progress && (
          <p className="muted" data-testid="head-progress">
            {t('headProgress', {
              stage: progress.stage === 'embed' ? t('embedStage') : t('trainStage'),
              done: formatNumber(language, progress.done),
              total: progress.total === undefined ? '?' : formatNumber(language, progress.total),
              unit: unitLabel(language, progress.unit),
              message: progressMessage(language, progress.message) ?? '',
            })}
          </p>
        )}
        {message && <p role="status" data-testid="head-message">{message}</p>}
        {trained && (
          <div data-testid="head-report">
            <h4>
              {t('validationOn', { count: formatNumber(language, trained.report.count), column: trained.head.labelColumn ?? '' })}
            </h4>
            <table className="series-table">
              <thead>
                <tr>
                  <th />
                  <th>{t('precision')}</th>
                  <th>{t('recall')}</th>
                  <th>{t('f1')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{t('accuracy')}</td>
                  <td colSpan={3} data-testid="head-accuracy">
                    {pct(trained.report.accuracy)}
                  </td>
                </tr>
                <tr>
                  <td title={t('microHint')}>{t('micro')}</td>
                  <td>{pct(trained.report.micro.precision)}</td>
                  <td>{pct(trained.report.micro.recall)}</td>
                  <td>{pct(trained.report.micro.f1)}</td>
                </tr>
                <tr>
                  <td title={t('macroHint')}>{t('macro')}</td>
                  <td>{pct(trained.report.macro.precision)}</td>
                  <td>{pct(trained.report.macro.recall)}</td>
                  <td>{pct(trained.report.macro.f1)}</td>
                </tr>
              </tbody>
            </table>
            {trained.confusion && <Confusion confusion={trained.confusion} caption={t('confusionCaption')} />}
            <div className="actions">
              <button type="button" className="primary" onClick={() => void fill(trained.head)} data-testid="fill-column" disabled={!!abort}>
                {t('fillColumn', { column: trained.head.labelColumn ?? 'label' })}
              </button>
              <button type="button" onClick={() => downloadBlob(new Blob([JSON.stringify(trained.head)], { type: 'application/json' }), `trendloom-head-${trained.head.labelColumn}.json`)} data-testid="export-head">
                {t('exportHead')}
              </button>
            </div>
          </div>
        )}
      </section>
      <section>
        <h3>{t('savedHeads')}</h3>
        {saved.length === 0 ? (
          <p className="muted">{t('noneYet')}</p>
        ) : (
          <ul data-testid="saved-heads">
            {saved.map((s) => (
              <li key={s.key}>
                {t('savedHeadLine', { column: s.head.labelColumn ?? '', count: formatNumber(language, s.head.labels.length), accuracy: s.head.metrics ? pct(s.head.metrics.accuracy) : '—' })}{' '}
                <button type="button" className="link" onClick={() => void fill(s.head)} disabled={!!abort}>
                  {t('applyToFile')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="muted">
          {t('importHead')}{' '}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import-head"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              void file.text().then((text) => {
                try {
                  const head = parseHeadFile(text, language);
                  void saveHead(head, language).then(refresh);
                  setMessage(t('importedHead', { column: head.labelColumn ?? '' }));
                } catch (error) {
                  setMessage((error as Error).message);
                }
              });
            }}
          />
        </label>
      </section>
    </div>
  );
}

function Confusion({ confusion, caption }: { confusion: NonNullable<TrainedHead['confusion']>; caption: string }) {
  const max = Math.max(1, maxOf(confusion.counts.flat()));
  return (
    <table className="heatmap confusion" data-testid="confusion">
      <caption className="muted">{caption}</caption>
      <thead>
        <tr>
          <th />
          {confusion.labels.map((l) => (
            <th key={l}>{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.counts.map((row, i) => (
          <tr key={confusion.labels[i]}>
            <th scope="row">{confusion.labels[i]}</th>
            {row.map((count, j) => (
              <td key={j} style={{ background: count ? `rgba(${i === j ? '4,120,87' : '185,28,28'}, ${(0.15 + 0.85 * (count / max)).toFixed(2)})` : undefined, color: count / max > 0.5 ? 'white' : undefined }}>
                {count || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
