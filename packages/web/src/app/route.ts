/// <reference lib="dom" />
/**
 * The app's address: `#/nb/<contents path>` opens a notebook (a reload reopens it), `#/logs`
 * and `#/templates` pick a tab. parseHash is pure (tested); useHashRoute follows the address.
 */
import { useEffect, useState } from 'react';

export interface Route {
  tab: 'notebooks' | 'logs' | 'templates';
  /** the contents path of the open notebook */
  notebook?: string;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  if (h.startsWith('nb/')) {
    const p = h.slice(3);
    let path: string;
    try { path = decodeURIComponent(p); } catch { path = p; }
    return path === '' ? { tab: 'notebooks' } : { tab: 'notebooks', notebook: path };
  }
  if (h === 'logs') return { tab: 'logs' };
  if (h === 'templates') return { tab: 'templates' };
  return { tab: 'notebooks' };
}

/** The hash of a notebook's address; path segments keep their slashes. */
export function notebookHash(path: string): string {
  return `#/nb/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export function openNotebook(path: string): void {
  globalThis.location.hash = notebookHash(path);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(globalThis.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(globalThis.location.hash));
    globalThis.addEventListener('hashchange', on);
    return () => globalThis.removeEventListener('hashchange', on);
  }, []);
  return route;
}
