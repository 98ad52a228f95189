'use client';
// The editing layer over the canvas: keyboard commands, the edit toolbar and
// the editor's dialogs. Every edit it makes is a graph-store action, so the
// history (undo/redo) and the autosave see it like any other.
import { useEffect } from 'react';
import { useStudio } from '../../lib/graph-store';
import { EditorToolbar } from './EditorToolbar';
import { useEditorKeys } from './use-editor-keys';
import './Editor.css';

export function Editor() {
  const { state, dispatch } = useStudio();
  const { graph } = state;

  // A field that loses focus has been committed: its next edit is a new undo entry.
  useEffect(() => {
    const close = () => dispatch({ type: 'closeGroup' });
    window.addEventListener('focusout', close);
    return () => window.removeEventListener('focusout', close);
  }, [dispatch]);

  useEditorKeys({
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    selectAll: () => dispatch({ type: 'select', nodeIds: graph.nodes.map((n) => n.id), edgeIds: graph.edges.map((e) => e.id) }),
    deselect: () => dispatch({ type: 'select', nodeIds: [], edgeIds: [] }),
  });

  return <EditorToolbar />;
}
