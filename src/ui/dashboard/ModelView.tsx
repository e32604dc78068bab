import { useEffect, useState } from 'react';
import { applyHeadToDataset, listHeads, parseHeadFile, saveHead, trainHeadOnDataset, type SavedHead, type TrainedHead } from '../../state/heads.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { CancelledError, type Progress } from '../../workers/protocol.ts';
import { downloadBlob } from '../download.ts';
import { formatBytes } from '../i18n.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The model view: which model and backend, the user's own heads, and the fine-tuning flow. */
export function ModelView({ dataset }: { dataset: LoadedDataset }) {
  const language = useAppStore((s) => s.language);
  const model = useAppStore((s) => s.model);
  const labelling = useAppStore((s) => s.labelling);
  const candidates = dataset.columns.filter((c) => !c.name.startsWith('pred_') && !c.name.startsWith('ft_') && ['label', 'category', 'styles', 'colours', 'materials', 'season', 'gender'].includes(c.role));
  const [labelColumn, setLabelColumn] = useState(candidates[0]?.name ?? '');
  const multi = dataset.columns.find((c) => c.name === labelColumn)?.type === 'multi-label';
  const [separator, setSeparator] = useState<string>('|');
  const [useEmbedding, setUseEmbedding] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [abort, setAbort] = useState<AbortController | null>(null);
  const [trained, setTrained] = useState<TrainedHead | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedHead[]>([]);
  const refresh = () => void listHeads().then(setSaved, () => setSaved([]));
  useEffect(refresh, []);

  const run = async (task: (signal: AbortSignal) => Promise<void>) => {
    const controller = new AbortController();
    setAbort(controller);
    setMessage(null);
    try {
      await task(controller.signal);
    } catch (error) {
      setMessage(error instanceof CancelledError ? 'Stopped. Nothing was changed.' : (error as Error).message);
    } finally {
      setAbort(null);
      setProgress(null);
    }
  };

  const train = () =>
    run(async (signal) => {
      const result = await trainHeadOnDataset(dataset, labelColumn, { separator: multi ? separator : null, useEmbedding }, setProgress, signal);
      setTrained(result);
      await saveHead(result.head).then(refresh, (error: unknown) => setMessage((error as Error).message));
    });

  const fill = (head: TrainedHead['head']) =>
    run(async (signal) => {
      const labelled = await applyHeadToDataset(dataset, head, signal, setProgress);
      useAppStore.setState({ dataset: labelled });
      setMessage(`Added the column ft_${head.labelColumn} (with ft_prob_${head.labelColumn}); pick it as "Trend of" to see its trends.`);
    });

  return (
    <div className="model-view" data-testid="model-view">
      <section>
        <h3>The model</h3>
        {model ? (
          <ul>
            <li>Trendloom classifier (a small Llama-architecture model shipped with the app, {formatBytes(language, model.modelBytes)}), heads: {model.heads.join(', ')}.</li>
            <li data-testid="model-backend">
              Running on {model.backend === 'webgpu' ? 'WebGPU' : `WebAssembly with ${model.threads} thread(s)`} — {model.reason}
            </li>
            <li>
              Loaded in {(model.loadMs / 1000).toFixed(1)} s, warm-up {(model.warmupMs / 1000).toFixed(2)} s.
              {labelling ? ` Labelled ${labelling.items.toLocaleString()} items (${labelling.unique.toLocaleString()} distinct texts, ${labelling.cached.toLocaleString()} from the cache) in ${labelling.seconds.toFixed(1)} s.` : ''}
            </li>
          </ul>
        ) : (
          <p className="muted">The model loads when items are labelled.</p>
        )}
      </section>
      <section>
        <h3>Teach it your own labels</h3>
        <p className="muted">Pick a column holding your labels. A head is trained on the rows that have one (15% held back to check it), then fills the rows that do not. Everything runs on this computer.</p>
        <div className="controls">
          <label>
            Label column{' '}
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
              Separator <input value={separator} onChange={(e) => setSeparator(e.target.value || '|')} style={{ width: '3rem' }} />
            </label>
          )}
          <label>
            <input type="checkbox" checked={useEmbedding} onChange={(e) => setUseEmbedding(e.target.checked)} /> use the model's understanding of the text (embedding)
          </label>
          <button type="button" className="primary" disabled={!labelColumn || !!abort} onClick={() => void train()} data-testid="train-head">
            Train head
          </button>
          {abort && (
            <button type="button" onClick={() => abort.abort()} data-testid="cancel-head">
              Cancel
            </button>
          )}
        </div>
        {progress && (
          <p className="muted" data-testid="head-progress">
            {progress.stage === 'embed' ? 'Reading texts with the model' : 'Training'}: {progress.done} / {progress.total ?? '?'} {progress.unit ?? ''} {progress.message ?? ''}
          </p>
        )}
        {message && <p role="status" data-testid="head-message">{message}</p>}
        {trained && (
          <div data-testid="head-report">
            <h4>
              Validation on {trained.report.count} held-out rows of “{trained.head.labelColumn}”
            </h4>
            <table className="series-table">
              <thead>
                <tr>
                  <th />
                  <th>precision</th>
                  <th>recall</th>
                  <th>F1</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>accuracy</td>
                  <td colSpan={3} data-testid="head-accuracy">
                    {pct(trained.report.accuracy)}
                  </td>
                </tr>
                <tr>
                  <td>micro</td>
                  <td>{pct(trained.report.micro.precision)}</td>
                  <td>{pct(trained.report.micro.recall)}</td>
                  <td>{pct(trained.report.micro.f1)}</td>
                </tr>
                <tr>
                  <td>macro</td>
                  <td>{pct(trained.report.macro.precision)}</td>
                  <td>{pct(trained.report.macro.recall)}</td>
                  <td>{pct(trained.report.macro.f1)}</td>
                </tr>
              </tbody>
            </table>
            {trained.confusion && <Confusion confusion={trained.confusion} />}
            <div className="actions">
              <button type="button" className="primary" onClick={() => void fill(trained.head)} data-testid="fill-column" disabled={!!abort}>
                Fill ft_{trained.head.labelColumn} for every row
              </button>
              <button type="button" onClick={() => downloadBlob(new Blob([JSON.stringify(trained.head)], { type: 'application/json' }), `trendloom-head-${trained.head.labelColumn}.json`)} data-testid="export-head">
                Export head (JSON)
              </button>
            </div>
          </div>
        )}
      </section>
      <section>
        <h3>Saved heads</h3>
        {saved.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul data-testid="saved-heads">
            {saved.map((s) => (
              <li key={s.key}>
                {s.head.labelColumn} · {s.head.labels.length} labels · validation accuracy {s.head.metrics ? pct(s.head.metrics.accuracy) : '—'}{' '}
                <button type="button" className="link" onClick={() => void fill(s.head)} disabled={!!abort}>
                  apply to this file
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="muted">
          Import a head (JSON){' '}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import-head"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              void file.text().then((text) => {
                try {
                  const head = parseHeadFile(text);
                  void saveHead(head).then(refresh);
                  setMessage(`Imported the head for “${head.labelColumn}”.`);
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

function Confusion({ confusion }: { confusion: NonNullable<TrainedHead['confusion']> }) {
  const max = Math.max(1, ...confusion.counts.flat());
  return (
    <table className="heatmap confusion" data-testid="confusion">
      <caption className="muted">Confusion on the held-out rows: rows are the true labels, columns the predicted ones.</caption>
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
