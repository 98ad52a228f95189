'use client';
// One keydown listener for the editor's commands (app/lib/shortcuts.ts says which
// key means what). Keys typed into a field stay the field's: Ctrl+Z there is the
// browser's text undo, `/` is a slash.
import { useEffect, useRef } from 'react';
import { commandFor, isTextTarget, type EditorCommand } from '../../lib/shortcuts';

export type CommandHandlers = Partial<Record<EditorCommand, () => void>>;

export function useEditorKeys(handlers: CommandHandlers) {
  const live = useRef(handlers);
  live.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextTarget(e.target)) return;
      // an open modal dialog owns the keyboard
      if (document.querySelector('dialog[open]')) return;
      const command = commandFor(e);
      // copy, cut and paste travel through the clipboard events (useClipboardEvents), which need no permission
      if (!command || command === 'copy' || command === 'cut' || command === 'paste') return;
      const run = live.current[command];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
