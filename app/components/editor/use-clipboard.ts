'use client';
// Copy, cut and paste through the system clipboard's own events: they need no
// permission prompt and carry plain text between tabs and windows. The text is
// a typed fragment (app/lib/fragment.ts); anything else pasted is refused with
// a message. Inside a text field, or with text selected on the page, the
// browser's own copy and paste run untouched.
import { useEffect, useRef } from 'react';
import { extractFragment, parseFragment, type Fragment } from '../../lib/fragment';
import type { StudioState } from '../../lib/graph-store';
import { isTextTarget } from '../../lib/shortcuts';

interface ClipboardHandlers {
  state: StudioState;
  /** Removes the selection (after a cut). */
  removeSelection(): void;
  paste(fragment: Fragment): void;
  notify(message: string, tone?: 'info' | 'error' | 'success'): void;
}

function pageHasTextSelection(): boolean {
  const s = window.getSelection();
  return !!s && !s.isCollapsed && s.toString().trim().length > 0;
}

export function useClipboard(h: ClipboardHandlers) {
  const live = useRef(h);
  live.current = h;
  useEffect(() => {
    const put = (e: ClipboardEvent, cut: boolean) => {
      if (isTextTarget(e.target) || pageHasTextSelection() || document.querySelector('dialog[open]')) return;
      const { state, notify, removeSelection } = live.current;
      const fragment = extractFragment(state.graph, state.selectedNodes);
      if (!fragment || !e.clipboardData) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', JSON.stringify(fragment));
      const n = fragment.nodes.length;
      if (cut) removeSelection();
      notify(`${cut ? 'Cut' : 'Copied'} ${n} node${n === 1 ? '' : 's'}${fragment.edges.length ? ` and ${fragment.edges.length} wire${fragment.edges.length === 1 ? '' : 's'}` : ''}`);
    };
    const onCopy = (e: ClipboardEvent) => put(e, false);
    const onCut = (e: ClipboardEvent) => put(e, true);
    const onPaste = (e: ClipboardEvent) => {
      if (isTextTarget(e.target) || document.querySelector('dialog[open]') || !e.clipboardData) return;
      e.preventDefault();
      const r = parseFragment(e.clipboardData.getData('text/plain'));
      if (!r.ok) return live.current.notify(r.reason, 'error');
      live.current.paste(r.fragment);
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
