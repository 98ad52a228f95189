'use client';
// The editor's commands in the top bar, as icon buttons with their shortcut in
// the tooltip: undo, redo, quick add, layout, save as block, the shortcut
// sheet, the theme. The keys in use-editor-keys.ts run the same commands.
import type { ReactNode } from 'react';
import { canRedo, canUndo } from '../../lib/history';
import { useStudio } from '../../lib/graph-store';
import { BlockIcon, KeyboardIcon, LayoutIcon, PlusIcon, RedoIcon, UndoIcon, WireIcon } from '../icons';

interface ToolbarProps {
  hasSelection: boolean;
  onQuickAdd(): void;
  onLayout(): void;
  onSaveBlock(): void;
  onShortcuts(): void;
  onWires(): void;
  children?: ReactNode;
}

function Tool({ label, keys, onClick, disabled, children }: { label: string; keys?: string; onClick(): void; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="button" className="btn btn--ghost btn--icon" title={keys ? `${label} (${keys})` : label} aria-label={label} aria-keyshortcuts={keys} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

export function EditorToolbar({ hasSelection, onQuickAdd, onLayout, onSaveBlock, onShortcuts, onWires, children }: ToolbarProps) {
  const { state, dispatch } = useStudio();
  return (
    <div className="editor-tools" role="toolbar" aria-label="Edit">
      <Tool label="Undo" keys="Control+Z" disabled={!canUndo(state.history)} onClick={() => dispatch({ type: 'undo' })}>
        <UndoIcon />
      </Tool>
      <Tool label="Redo" keys="Control+Shift+Z" disabled={!canRedo(state.history)} onClick={() => dispatch({ type: 'redo' })}>
        <RedoIcon />
      </Tool>
      <span className="editor-tools__sep" aria-hidden="true" />
      <Tool label="Quick add" keys="/" onClick={onQuickAdd}>
        <PlusIcon />
      </Tool>
      <Tool label={state.selectedNodes.length > 1 ? 'Lay out the selection' : 'Lay out the graph'} keys="Shift+L" disabled={state.graph.nodes.length === 0} onClick={onLayout}>
        <LayoutIcon />
      </Tool>
      <Tool label="Wires of the selected node" keys="Shift+C" disabled={!hasSelection || state.selectedNodes.length > 2} onClick={onWires}>
        <WireIcon />
      </Tool>
      <Tool label="Save selection as block" disabled={!hasSelection} onClick={onSaveBlock}>
        <BlockIcon />
      </Tool>
      <Tool label="Keyboard shortcuts" keys="?" onClick={onShortcuts}>
        <KeyboardIcon />
      </Tool>
      {children}
    </div>
  );
}
