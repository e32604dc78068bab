import { useEffect, useState } from 'react';
import { indexNamedColours, type NamedColourIndex } from '../../core/palette/named.ts';

let loaded: Promise<NamedColourIndex> | undefined;

/**
 * The named-colour list (npm `color-name-list`, ~32,000 names), loaded once as its own chunk of
 * the app (precached with the shell, so it works offline) when a colour view first needs it; an
 * empty index until then, so the app's own colour table answers meanwhile.
 */
export function useNamedColours(): NamedColourIndex {
  const [index, setIndex] = useState<NamedColourIndex>(EMPTY);
  useEffect(() => {
    let live = true;
    loaded ??= import('color-name-list').then((m) => indexNamedColours(m.colornames));
    loaded.then((i) => live && setIndex(i), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return index;
}

const EMPTY: NamedColourIndex = new Map();
