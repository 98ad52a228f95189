// Runs `fn` when the page is hidden or unloaded: the last chance to write to
// IndexedDB before a tab closes (pagehide alone misses mobile tab switches).
// Returns the unsubscribe function.
export function onPageHide(fn: () => void): () => void {
  const onHidden = () => document.visibilityState === 'hidden' && fn();
  window.addEventListener('pagehide', fn);
  document.addEventListener('visibilitychange', onHidden);
  return () => {
    window.removeEventListener('pagehide', fn);
    document.removeEventListener('visibilitychange', onHidden);
  };
}
