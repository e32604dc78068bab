import { useEffect, useMemo, useRef, useState } from 'react';
import { BRIEF_DISPLAY_ORDER, DEFAULT_SAMPLING, type Draft } from '../../model/briefs.ts';
import { generateBriefs, datasetKey, useBriefStore, useKeptBriefs, useRisingCombinations } from '../../state/briefs.ts';
import { useAppStore, type LoadedDataset } from '../../state/store.ts';
import { CancelledError } from '../../workers/protocol.ts';
import { formatNumber, translateTerm } from '../../i18n/i18n.ts';
import { useT } from '../useT.ts';

/** A draft on screen: streaming (text so far) or finished (with read-back). */
interface ShownDraft {
  text: string;
  /** Its brief so far, while the generator writes it. */
  brief?: string;
  done?: Draft;
  /** Discarded or kept: no longer offered. */
  gone?: boolean;
}

/** A combination's share: combinations are small slices of a catalogue, so two decimals below 10 %. */
function shareText(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%` : '—';
}

/** Most drafts per request in the Studio. */
const MAX_DRAFTS = 50;

/** The dataset's item names (its first item-text column), for the verbatim-copy filter. */
function catalogueNames(dataset: LoadedDataset): string[] {
  const column = dataset.columns.find((c) => c.role === 'text');
  const vector = column ? dataset.table.getChild(column.name) : null;
  if (!vector) return [];
  const names = new Set<string>();
  for (let i = 0; i < vector.length; i++) {
    const v: unknown = vector.get(i);
    if (typeof v === 'string' && v) names.add(v);
  }
  return [...names];
}

/**
 * Design briefs (issue 14, part 1): pick or accept a rising combination, set N, temperature, top-p
 * and seed; the model drafts item names in the inference worker, streamed token by token; each
 * draft shows the classifier's read-back (where it differs from the asked tags), and can be kept,
 * edited or discarded. Kept drafts go into the report.
 */
export function BriefPanel({ dataset, onSimilar }: { dataset: LoadedDataset; onSimilar?: (text: string, category: string | undefined) => void }) {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const model = useAppStore((s) => s.model);
  const { rising, state, available, leftOut } = useRisingCombinations(dataset);
  const [tags, setTags] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const [n, setN] = useState(6);
  const [temperature, setTemperature] = useState(DEFAULT_SAMPLING.temperature);
  const [topP, setTopP] = useState(DEFAULT_SAMPLING.topP);
  const [seed, setSeed] = useState(1);
  const [guided, setGuided] = useState(true);
  const [drafts, setDrafts] = useState<ShownDraft[]>([]);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const kept = useKeptBriefs(dataset);
  const { keep, edit, discard } = useBriefStore.getState();
  const names = useMemo(() => catalogueNames(dataset), [dataset]);

  // The top rising combination is the default choice until the designer picks or edits tags.
  useEffect(() => {
    if (!touched && rising[0]) setTags({ ...rising[0].tags });
  }, [rising, touched]);
  useEffect(() => () => abort.current?.abort(), []);

  const asked = Object.fromEntries(Object.entries(tags).filter(([, v]) => v));
  const canDraft = Object.keys(asked).length > 0 && Number.isInteger(n) && n >= 1 && n <= MAX_DRAFTS && temperature > 0 && temperature <= 5 && topP > 0 && topP <= 1 && Number.isInteger(seed);

  const draft = () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setDrafts(Array.from({ length: n }, () => ({ text: '' })));
    setRunning(true);
    setSummary(null);
    setError(null);
    generateBriefs(
      { tags: asked, n, seed, temperature, topP, guided, catalogue: names },
      (index, text, brief) => setDrafts((list) => list.map((d, i) => (i === index ? { text, ...(brief !== undefined ? { brief } : {}) } : d))),
      controller.signal,
    ).then(
      (result) => {
        setDrafts(Array.from({ length: n }, (_, i) => (result.drafts[i] ? { text: result.drafts[i]!.text, done: result.drafts[i]! } : { text: '', gone: true })));
        setSummary(
          t('briefSummary', {
            drafts: formatNumber(language, result.drafts.length),
            agree: formatNumber(language, result.drafts.filter((d) => d.disagrees.length === 0).length),
            copies: formatNumber(language, result.droppedCopies),
            seconds: formatNumber(language, result.ms / 1000, 1),
            speed: formatNumber(language, result.tokens / Math.max(result.ms / 1000, 1e-3)),
          }),
        );
      },
      (err: unknown) => {
        if (err instanceof CancelledError) setSummary(t('briefStopped'));
        else setError((err as Error).message);
        setDrafts((list) => list.filter((d) => d.done));
      },
    ).finally(() => {
      if (abort.current === controller) {
        abort.current = null;
        setRunning(false);
      }
    });
  };

  const labels = model?.labels ?? {};
  const tagName = (tag: string) => translateTerm(language, 'head_', tag);

  return (
    <section className="studio-briefs" data-testid="studio-briefs" aria-labelledby="studio-briefs-title">
      <h2 id="studio-briefs-title">{t('briefTitle')}</h2>
      <p className="muted">{t('briefHow')}</p>

      <h3>{t('briefSuggested')}</h3>
      {leftOut.length > 0 && (
        <p className="muted" data-testid="brief-left-out" data-tags={leftOut.join(',')}>
          {t('briefLeftOutUnsure', { heads: leftOut.map((tag) => translateTerm(language, 'head_', tag)).join(', ') })}
        </p>
      )}
      {!available ? (
        <p className="muted" data-testid="brief-no-suggestions">{t('briefNoSuggestions')}</p>
      ) : rising.length === 0 ? (
        <p className="muted" data-testid="brief-suggestions-state">{state === 'running' || state === 'idle' ? t('forecasting') : t('briefNoneRising')}</p>
      ) : (
        <ul className="brief-suggestions" data-testid="brief-suggestions">
          {rising.map((r) => (
            <li key={r.label}>
              <button type="button" className="link" data-testid="brief-suggestion" onClick={() => { setTouched(true); setTags({ ...r.tags }); }}>
                {r.label}
              </button>{' '}
              <span className="muted">
                {t('briefRise', {
                  latest: shareText(r.latest),
                  forecast: shareText(r.forecast),
                  range: Number.isFinite(r.lo80) ? t('briefRange', { lo: shareText(r.lo80), hi: shareText(r.hi80) }) : '',
                })}
              </span>
            </li>
          ))}
        </ul>
      )}

      <div className="controls brief-controls" role="group" aria-label={t('briefTags')}>
        {BRIEF_DISPLAY_ORDER.map((tag) => {
          const options = labels[tag];
          const value = tags[tag] ?? '';
          const change = (v: string) => {
            setTouched(true);
            setTags((old) => ({ ...old, [tag]: v }));
          };
          return (
            <label key={tag}>
              {tagName(tag)}{' '}
              {options ? (
                <select value={value} onChange={(e) => change(e.target.value)} data-testid={`brief-tag-${tag}`}>
                  <option value="">{t('briefAny')}</option>
                  {value && !options.includes(value) && <option value={value}>{value}</option>}
                  {options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input value={value} onChange={(e) => change(e.target.value)} data-testid={`brief-tag-${tag}`} size={12} />
              )}
            </label>
          );
        })}
      </div>
      <div className="controls brief-controls" role="group" aria-label={t('briefSampling')}>
        <label>
          {t('briefN')}{' '}
          <input type="number" min={1} max={MAX_DRAFTS} value={n} onChange={(e) => setN(Math.round(Number(e.target.value)))} data-testid="brief-n" style={{ width: '4rem' }} />
        </label>
        <label title={t('briefTemperatureHint')}>
          {t('briefTemperature')}{' '}
          <input type="number" min={0.1} max={5} step={0.1} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} data-testid="brief-temperature" style={{ width: '4.5rem' }} />
        </label>
        <label title={t('briefTopPHint')}>
          {t('briefTopP')}{' '}
          <input type="number" min={0.05} max={1} step={0.05} value={topP} onChange={(e) => setTopP(Number(e.target.value))} data-testid="brief-top-p" style={{ width: '4.5rem' }} />
        </label>
        <label title={t('briefSeedHint')}>
          {t('briefSeed')}{' '}
          <input type="number" step={1} value={seed} onChange={(e) => setSeed(Math.round(Number(e.target.value)))} data-testid="brief-seed" style={{ width: '5rem' }} />
        </label>
        <label title={t('briefGuidedHint')}>
          <input type="checkbox" checked={guided} onChange={(e) => setGuided(e.target.checked)} data-testid="brief-guided" /> {t('briefGuided')}
        </label>
        {running ? (
          <button type="button" onClick={() => abort.current?.abort()} data-testid="brief-stop">
            {t('briefStop')}
          </button>
        ) : (
          <button type="button" onClick={draft} disabled={!canDraft} data-testid="brief-draft">
            {t('briefDraft')}
          </button>
        )}
      </div>
      {!canDraft && !running && <p className="muted">{t('briefInvalid', { max: MAX_DRAFTS })}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {summary && <p className="muted" data-testid="brief-summary" role="status">{summary}</p>}

      {drafts.some((d) => !d.gone) && (
        <ol className="brief-drafts" data-testid="brief-drafts" aria-busy={running}>
          {drafts.map((d, i) =>
            d.gone ? null : (
              <li key={i} data-testid="draft" data-status={d.done ? 'done' : 'streaming'}>
                <strong data-testid="draft-text">{d.text || '…'}</strong>
                {!d.done && d.brief && (
                  <>
                    {' '}
                    <span className="muted" data-testid="draft-brief-streaming">{d.brief}</span>
                  </>
                )}
                {d.done && (
                  <>
                    {' '}
                    <span className="muted" data-testid="draft-brief" data-brief-by={d.done.briefBy} title={t(d.done.briefBy === 'model' ? 'briefByModel' : 'briefByTemplate')}>
                      {d.done.brief}
                    </span>
                    {d.done.briefBy === 'template' && (
                      <>
                        {' '}
                        <small className="muted" data-testid="draft-brief-template">{t('briefTemplateTag')}</small>
                      </>
                    )}
                    <ReadBackLine draft={d.done} asked={asked} tagName={tagName} />
                    <button
                      type="button"
                      data-testid="draft-keep"
                      onClick={() => {
                        keep({ datasetKey: datasetKey(dataset), text: d.done!.text, brief: d.done!.brief, tags: asked, readBack: Object.fromEntries(Object.entries(d.done!.readBack).map(([k, v]) => [k, { label: v.label, sure: v.sure }])), disagrees: d.done!.disagrees });
                        setDrafts((list) => list.map((x, j) => (j === i ? { ...x, gone: true } : x)));
                      }}
                    >
                      {t('briefKeep')}
                    </button>{' '}
                    <button type="button" data-testid="draft-discard" onClick={() => setDrafts((list) => list.map((x, j) => (j === i ? { ...x, gone: true } : x)))}>
                      {t('briefDiscard')}
                    </button>
                    {onSimilar && (
                      <>
                        {' '}
                        <button type="button" data-testid="draft-similar" onClick={() => onSimilar(d.done!.text, d.done!.readBack.articleType?.label)}>
                          {t('similarItems')}
                        </button>
                      </>
                    )}
                  </>
                )}
              </li>
            ),
          )}
        </ol>
      )}

      <h3>{t('briefKept', { n: formatNumber(language, kept.length) })}</h3>
      {kept.length === 0 ? (
        <p className="muted">{t('briefKeptNone')}</p>
      ) : (
        <ul className="brief-kept" data-testid="kept-briefs">
          {kept.map((b) => (
            <li key={b.id} data-testid="kept-brief">
              <label>
                <span className="visually-hidden">{t('briefName')}</span>
                <input value={b.text} onChange={(e) => edit(b.id, { text: e.target.value })} data-testid="kept-text" size={36} aria-label={t('briefName')} />
              </label>{' '}
              <label>
                <span className="visually-hidden">{t('briefLine')}</span>
                <input value={b.brief} onChange={(e) => edit(b.id, { brief: e.target.value })} data-testid="kept-line" size={44} aria-label={t('briefLine')} />
              </label>{' '}
              <button type="button" onClick={() => discard(b.id)} data-testid="kept-discard">
                {t('briefDiscard')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** How the classifier reads a draft back, tag by tag: agreeing tags plain, differing ones marked, unsure ones with "?". */
function ReadBackLine({ draft, asked, tagName }: { draft: Draft; asked: Record<string, string>; tagName: (tag: string) => string }) {
  const t = useT();
  const shown = BRIEF_DISPLAY_ORDER.filter((tag) => asked[tag] && draft.readBack[tag]);
  return (
    <span className="read-back" data-testid="draft-read-back" data-disagrees={draft.disagrees.join(',')}>
      {' '}
      {t('briefReadsAs')}{' '}
      {shown.map((tag, k) => {
        const r = draft.readBack[tag]!;
        const differs = draft.disagrees.includes(tag);
        return (
          <span key={tag} className={differs ? 'differs' : undefined} title={differs ? t('briefDiffers', { tag: tagName(tag), asked: asked[tag]! }) : undefined}>
            {k > 0 ? ' · ' : ''}
            {differs ? '✗ ' : ''}
            {r.label}
            {r.sure ? '' : '?'}
          </span>
        );
      })}{' '}
    </span>
  );
}
