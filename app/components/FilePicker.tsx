'use client';
// A button that opens the browser's file chooser for one JSON file (graph
// import, runs import). The input stays in the page, hidden, so tests can set
// its files directly.
import { useRef, type ReactNode, type RefObject } from 'react';

interface FilePickerProps {
  children: ReactNode;
  className: string;
  title?: string;
  /** The hidden input's accessible name. */
  inputLabel: string;
  testId: string;
  onFile(file: File): void;
  /** Several files at once (runs import); `onFile` then gets only the first. */
  multiple?: boolean;
  onFiles?(files: File[]): void;
  /** The hidden input, for another control (a menu item) that opens the same chooser. */
  inputRef?: RefObject<HTMLInputElement | null>;
}

export function FilePicker({ children, className, title, inputLabel, testId, onFile, multiple, onFiles, inputRef }: FilePickerProps) {
  const own = useRef<HTMLInputElement>(null);
  const input = inputRef ?? own;
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()} title={title}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        multiple={multiple}
        className="sr-only"
        tabIndex={-1}
        aria-label={inputLabel}
        data-testid={testId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (onFiles && files.length) onFiles(files);
          else if (files[0]) onFile(files[0]);
        }}
      />
    </>
  );
}
