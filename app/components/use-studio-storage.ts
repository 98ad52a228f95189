'use client';
// What the studio keeps in the browser: the graph (restored before the canvas
// mounts, autosaved after every change, flushed when the page hides) and the
// chosen backend.
import { useCallback, useEffect, useMemo, useState, type Dispatch } from 'react';
import type { Graph } from '../../engine/graph';
import type { BackendChoice } from '../../workers/protocol';
import type { StudioAction } from '../lib/graph-store';
import { onPageHide } from '../lib/page-hide';
import { createAutosaver, loadAutosave, type SaveState } from '../lib/persist';
import type { BannerInfo } from './Banner';
import { BACKEND_CHOICES } from './RunBar';

const AUTOSAVE_DELAY_MS = 300;
const BACKEND_KEY = 'latent-studio:backend';

export function useStudioStorage(graph: Graph, dispatch: Dispatch<StudioAction>, setBanner: (b: BannerInfo | null) => void) {
  const [ready, setReady] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [backend, setBackend] = useState<BackendChoice>('auto');

  // Restore the last session before the canvas mounts, so it opens framed on the saved graph.
  useEffect(() => {
    let live = true;
    void loadAutosave().then((r) => {
      if (!live) return;
      if (r.kind === 'ok') dispatch({ type: 'replace', graph: r.graph, resetHistory: true });
      else if (r.kind === 'broken') {
        setBanner({
          tone: 'warning',
          title: 'Your last autosaved graph could not be opened, so the studio started empty. The saved copy was kept (key "autosave-broken").',
          lines: r.errors,
        });
      } else if (r.kind === 'unavailable') {
        setBanner({ tone: 'warning', title: `Browser storage is unavailable, so changes will not be kept across reloads (${r.error}).`, lines: [] });
      }
      setReady(true);
    });
    const saved = window.localStorage.getItem(BACKEND_KEY);
    if (saved && (BACKEND_CHOICES as readonly string[]).includes(saved)) setBackend(saved as BackendChoice);
    return () => {
      live = false;
    };
  }, [dispatch, setBanner]);

  const saver = useMemo(
    () =>
      createAutosaver(AUTOSAVE_DELAY_MS, (s, err) => {
        setSaveState(s);
        setSaveError(err ?? null);
      }),
    [],
  );
  useEffect(() => {
    if (ready) saver.schedule(graph);
  }, [graph, ready, saver]);
  useEffect(() => onPageHide(() => void saver.flush()), [saver]);

  const chooseBackend = useCallback((b: BackendChoice) => {
    setBackend(b);
    window.localStorage.setItem(BACKEND_KEY, b);
  }, []);

  return { ready, saveState, saveError, backend, chooseBackend };
}
