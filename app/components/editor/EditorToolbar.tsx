'use client';
// The editor's commands in the top bar: undo and redo (with what they would do
// in the tooltip) and the rest of the editing tools. The keys in
// use-editor-keys.ts run the same commands.
import type { ReactNode } from 'react';
import { canRedo, canUndo } from '../../lib/history';
import { useStudio } from '../../lib/graph-store';
import { RedoIcon, UndoIcon } from '../icons';

export function EditorToolbar({ children }: { children?: ReactNode }) {
  const { state, dispatch } = useStudio();
  return (
    <div className="editor-tools" role="toolbar" aria-label="Edit">
      <button type="button" className="btn btn--ghost btn--icon" title="Undo (Ctrl/⌘ Z)" aria-label="Undo" disabled={!canUndo(state.history)} onClick={() => dispatch({ type: 'undo' })}>
        <UndoIcon />
      </button>
      <button type="button" className="btn btn--ghost btn--icon" title="Redo (Ctrl/⌘ Shift Z)" aria-label="Redo" disabled={!canRedo(state.history)} onClick={() => dispatch({ type: 'redo' })}>
        <RedoIcon />
      </button>
      {children}
    </div>
  );
}
