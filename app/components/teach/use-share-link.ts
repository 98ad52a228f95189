'use client';
// Opens a `#share=` link once the autosave has been restored (so the visitor's
// own graph is known and can be kept in Recent), and again when the hash
// changes in an open tab. The hash is removed afterwards: a reload then shows
// the autosave (with the student's edits), not the link's original graph.
import { useEffect, useRef } from 'react';
import { decodeShare, shareParam, type SharePayload } from '../../lib/share/link';

export function useShareLink(ready: boolean, onOpen: (p: SharePayload, renamed: number) => void, onFail: (title: string, lines: string[]) => void) {
  const handlers = useRef({ onOpen, onFail });
  handlers.current = { onOpen, onFail };

  useEffect(() => {
    if (!ready) return;
    const handle = () => {
      const param = shareParam(window.location.hash);
      if (param === null) return;
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      const d = decodeShare(param);
      if (d.ok) handlers.current.onOpen(d.payload, d.renamed);
      else handlers.current.onFail(d.title, d.lines);
    };
    handle();
    window.addEventListener('hashchange', handle);
    return () => window.removeEventListener('hashchange', handle);
  }, [ready]);
}
