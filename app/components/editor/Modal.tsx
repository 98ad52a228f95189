'use client';
// A modal <dialog>: the browser traps focus, Esc closes, the rest of the page
// is inert while it is open; a click on the backdrop closes it too. Focus goes
// back to where it was when it closes.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  open: boolean;
  title: string;
  onClose(): void;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Modal({ open, title, onClose, className = '', testId, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal ${className}`}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      data-testid={testId}
    >
      <div className="modal__box">
        <h2 id={`${id}-title`} className="modal__title">
          {title}
        </h2>
        {open && children}
      </div>
    </dialog>
  );
}
