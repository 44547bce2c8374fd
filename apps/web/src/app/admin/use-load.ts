import { useCallback, useEffect, useState } from 'react';

/** What a screen shows while its data loads: loading, the error that stopped it, or the data. */
export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/**
 * Loads once and again on `reload()`; a load that answers after a newer one started is dropped.
 * `set` replaces the data in place (after a save that answered with the new value).
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[] = [],
): [Loaded<T>, () => void, (data: T) => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (error: unknown) => current && setLoaded({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
    // `load` is recreated on each render; the version and deps decide when to load again.
  }, [version, ...deps]);
  return [
    loaded,
    useCallback(() => setVersion((value) => value + 1), []),
    useCallback((data: T) => setLoaded({ state: 'ready', data }), []),
  ];
}
