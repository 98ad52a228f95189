'use client';
// `?`: every editing shortcut, read from the same table the key handler uses.
import { SHORTCUT_SHEET } from '../../lib/shortcuts';
import { Modal } from './Modal';
import type { Tidy } from './use-tidy';

export function ShortcutSheet({ open, onClose, tidy }: { open: boolean; onClose(): void; tidy: Tidy }) {
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose} className="shortcut-sheet" testId="shortcut-sheet">
      <table className="shortcut-sheet__table">
        <tbody>
          {SHORTCUT_SHEET.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="shortcut-sheet__or"> or </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shortcut-sheet__note">Shortcuts do not fire while you type in a field. Undo covers every change to the graph (up to 200 steps) but not the run history.</p>
      <label className="shortcut-sheet__option">
        <input type="checkbox" checked={tidy.on} onChange={(e) => tidy.set(e.target.checked)} /> Lay out the graph after loading a preset or a file, and pasted nodes after a paste
      </label>
      <div className="modal__actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
