/**
 * A series' name as people read it: a coloured swatch that ties it to its line, then the name
 * in the page's dark text (series colours such as #e69f00 are too light for text on white).
 */
export function SeriesName({ label, colour }: { label: string; colour?: string }) {
  return (
    <span className="series-name">
      {colour && (
        <span className="series-swatch" style={{ color: colour }} aria-hidden="true">
          ●
        </span>
      )}
      {label}
    </span>
  );
}
