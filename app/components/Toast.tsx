'use client';
// One transient message at a time (a refused wire, a loaded preset with its
// Undo). A status region, so screen readers announce it and tests can find it.
import { useEffect } from 'react';
import './Toast.css';

export interface Notice {
  id: number;
  message: string;
  tone: 'info' | 'error' | 'success';
  action?: { label: string; run(): void };
}

// Long enough to read and reach Undo, short enough not to sit over the canvas (a loaded preset's toast).
const LIFETIME_MS: Record<Notice['tone'], number> = { info: 6000, success: 5000, error: 9000 };
const ACTION_MS = 8000;

export function Toast({ notice, onClose }: { notice: Notice | null; onClose(): void }) {
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(onClose, notice.action ? ACTION_MS : LIFETIME_MS[notice.tone]);
    return () => clearTimeout(t);
  }, [notice, onClose]);

  return (
    <div className="toast-region" role="status" aria-live="polite" data-testid="toast">
      {notice && (
        <div key={notice.id} className={`toast toast--${notice.tone}`}>
          <span className="toast__msg">{notice.message}</span>
          {notice.action && (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                notice.action!.run();
                onClose();
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button type="button" className="toast__close" aria-label="Dismiss" onClick={onClose}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
