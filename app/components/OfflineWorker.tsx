'use client';
// The static build (npm run build:static) registers its service worker, which precaches
// the studio for offline use and makes the page cross-origin isolated. The first visit is
// not controlled yet: once the worker takes over, the page reloads once so it runs
// isolated (as coi-serviceworker does). The Node server build registers nothing.
import { useEffect } from 'react';

const RELOADED = 'latent-studio:sw-reload';

export function OfflineWorker() {
  useEffect(() => {
    if (process.env.NEXT_PUBLIC_LATENT_STATIC !== '1' || !('serviceWorker' in navigator)) return;
    const sw = navigator.serviceWorker;
    const onTakeOver = () => {
      if (window.crossOriginIsolated || sessionStorage.getItem(RELOADED)) return;
      sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
    };
    sw.addEventListener('controllerchange', onTakeOver);
    sw.register('/sw.js').catch((e: unknown) => console.warn('offline support unavailable:', e));
    // controlled already (a later visit) but not isolated: a server that strips headers
    if (sw.controller) onTakeOver();
    return () => sw.removeEventListener('controllerchange', onTakeOver);
  }, []);
  return null;
}
