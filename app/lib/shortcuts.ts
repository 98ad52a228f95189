// The editor's keyboard shortcuts as data: the key handler and the shortcut
// sheet (`?`) read the same table, so the sheet cannot drift from what works.
// Pure: no DOM beyond the fields of a KeyboardEvent.

export type EditorCommand =
  | 'undo'
  | 'redo'
  | 'selectAll'
  | 'deselect'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'quickAdd'
  | 'layout'
  | 'connect'
  | 'wires'
  | 'shortcuts';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Binding {
  command: EditorCommand;
  /** `mod` is Ctrl, or ⌘ on a Mac (either is accepted everywhere). */
  mod: boolean;
  shift?: boolean;
  key: string;
}

const BINDINGS: Binding[] = [
  { command: 'undo', mod: true, key: 'z' },
  { command: 'redo', mod: true, shift: true, key: 'z' },
  { command: 'redo', mod: true, key: 'y' },
  { command: 'selectAll', mod: true, key: 'a' },
  { command: 'copy', mod: true, key: 'c' },
  { command: 'cut', mod: true, key: 'x' },
  { command: 'paste', mod: true, key: 'v' },
  { command: 'duplicate', mod: true, key: 'd' },
  { command: 'layout', mod: false, shift: true, key: 'l' },
  { command: 'connect', mod: false, key: 'c' },
  { command: 'wires', mod: false, shift: true, key: 'c' },
  { command: 'quickAdd', mod: false, key: '/' },
  { command: 'shortcuts', mod: false, key: '?' },
  { command: 'deselect', mod: false, key: 'escape' },
];

/** The command a key press means, or null. Keys typed into a text field are never commands (the caller checks). */
export function commandFor(e: KeyLike): EditorCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.altKey) return null;
  for (const b of BINDINGS) {
    if (b.key !== key || b.mod !== mod) continue;
    // `?` and `/` need Shift on most layouts or none: the character decides, not the modifier
    if (!b.mod && (key === '?' || key === '/')) return b.command;
    if (!!b.shift !== e.shiftKey) continue;
    return b.command;
  }
  return null;
}

/** What the shortcut sheet lists, in reading order. */
export const SHORTCUT_SHEET: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl/⌘ Z'], what: 'Undo' },
  { keys: ['Ctrl/⌘ Shift Z', 'Ctrl Y'], what: 'Redo' },
  { keys: ['/', 'Double-click the canvas'], what: 'Quick add: search node types and blocks' },
  { keys: ['Drop a wire on empty canvas'], what: 'Quick add a node that fits the wire, wired in' },
  { keys: ['Click', 'Shift/Ctrl click'], what: 'Select a node; add it to the selection' },
  { keys: ['Shift drag'], what: 'Box select' },
  { keys: ['Ctrl/⌘ A'], what: 'Select all' },
  { keys: ['Esc'], what: 'Clear the selection, close a dialog' },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selection and its wires, or the focused note or frame' },
  { keys: ['Ctrl/⌘ C', 'Ctrl/⌘ X', 'Ctrl/⌘ V'], what: 'Copy, cut, paste at the pointer (works between tabs)' },
  { keys: ['Ctrl/⌘ D'], what: 'Duplicate the selection' },
  { keys: ['Shift L'], what: 'Auto-layout the graph (left to right)' },
  { keys: ['C'], what: 'Connect the two selected nodes (the left one feeds the right one)' },
  { keys: ['Shift C'], what: 'Wires of the selected node: choose which ports to connect (↑ ↓, Enter), remove a wire, add a node for a port' },
  { keys: ['Tab (first stop)'], what: 'Skip links: straight to the canvas or the inspector' },
  { keys: ['F6', 'Shift F6'], what: 'Next or previous region: top bar, palette, canvas, inspector' },
  { keys: ['Tab', 'Enter'], what: 'Focus a node; select it' },
  { keys: ['Arrow keys'], what: 'Move the selected nodes, or the focused note or frame (Shift: 4× further), the view following it past the edge; presses less than 0.7 s apart are one undo entry' },
  { keys: ['?'], what: 'This sheet' },
];

/** True for a key press inside something that takes text, where shortcuts must not steal keys. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'range', 'submit', 'reset', 'color', 'file'].includes(type);
}
