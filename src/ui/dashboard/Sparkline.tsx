import { useT } from '../useT.ts';
import { maxOf, minOf } from '../../core/extent.ts';

/** A tiny inline trend line (SVG), gaps where the share is "not enough data"; forecast part dashed. */
export function Sparkline({ values, forecast, width = 120, height = 28, colour = '#0072b2' }: { values: ArrayLike<number>; forecast?: ArrayLike<number>; width?: number; height?: number; colour?: string }) {
  const t = useT();
  const all = [...Array.from(values), ...Array.from(forecast ?? [])].filter((v) => Number.isFinite(v));
  if (all.length === 0) return <svg width={width} height={height} aria-hidden="true" />;
  const max = maxOf(all);
  const min = minOf(all);
  const total = values.length + (forecast?.length ?? 0);
  const x = (i: number) => (total <= 1 ? width / 2 : (i / (total - 1)) * (width - 2) + 1);
  const y = (v: number) => height - 2 - (max === min ? 0.5 : (v - min) / (max - min)) * (height - 4);
  const path = (points: [number, number][]) => {
    let d = '';
    let pen = false;
    for (const [i, v] of points) {
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const history = Array.from(values, (v, i) => [i, v] as [number, number]);
  const last = history.length - 1;
  const future = forecast ? [[last, values[last]!] as [number, number], ...Array.from(forecast, (v, h) => [last + 1 + h, v] as [number, number])] : [];
  return (
    <svg width={width} height={height} role="img" aria-label={t('trend')}>
      <path d={path(history)} fill="none" stroke={colour} strokeWidth={1.5} />
      {future.length > 0 && <path d={path(future)} fill="none" stroke={colour} strokeWidth={1.5} strokeDasharray="3 3" />}
    </svg>
  );
}
