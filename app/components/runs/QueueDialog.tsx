'use client';
// "Compare SimCLR · BYOL · VICReg": the three presets with the same data,
// seed and step budget. The batch size starts at the presets' own value; a
// small one makes a quick look (or a test) fast.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BackendChoice } from '../../../workers/protocol';
import { checkSettings, type ComparisonSettings } from '../../lib/runs/queue';
import './QueueDialog.css';

const BACKENDS: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

interface QueueDialogProps {
  initial: ComparisonSettings;
  backend: BackendChoice;
  canQueueCurrent: boolean;
  currentName: string;
  onQueue(s: ComparisonSettings, backend: BackendChoice, withCurrent: boolean): void;
  onCancel(): void;
}

export function QueueDialog({ initial, backend: initialBackend, canQueueCurrent, currentName, onQueue, onCancel }: QueueDialogProps) {
  const id = useId();
  const [text, setText] = useState({ steps: String(initial.steps), batchSize: String(initial.batchSize), seed: String(initial.seed), evalEvery: String(initial.evalEvery) });
  const [evalAtEnd, setEvalAtEnd] = useState(initial.evalAtEnd);
  const [backend, setBackend] = useState<BackendChoice>(initialBackend);
  const [withCurrent, setWithCurrent] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.select();
  }, []);

  const settings = (): ComparisonSettings => ({
    steps: Number(text.steps),
    batchSize: Number(text.batchSize),
    seed: Number(text.seed),
    evalEvery: text.evalEvery.trim() === '' ? 0 : Number(text.evalEvery),
    evalAtEnd,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = settings();
    const errs = checkSettings(s);
    setErrors(errs);
    if (errs.length === 0) onQueue(s, backend, withCurrent && canQueueCurrent);
  };

  const field = (key: keyof typeof text, label: string, help: string, min: number) => (
    <div className="qd-field">
      <label className="qd-field__label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        ref={key === 'steps' ? first : undefined}
        type="number"
        inputMode="numeric"
        min={min}
        step={1}
        value={text[key]}
        aria-describedby={`${id}-${key}-help`}
        onChange={(e) => setText((t) => ({ ...t, [key]: e.target.value }))}
      />
      <span className="qd-field__help" id={`${id}-${key}-help`}>
        {help}
      </span>
    </div>
  );

  return (
    <div
      className="qd-overlay"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <form className="qd" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onSubmit={submit} data-testid="queue-dialog">
        <h2 id={`${id}-title`}>Compare SimCLR · BYOL · VICReg</h2>
        <p className="qd__lead">Trains the three presets one after another on the same digits, seed and budget, records each run and opens the comparison when they are done.</p>
        <div className="qd__grid">
          {field('steps', 'Steps', 'per run', 1)}
          {field('batchSize', 'Batch size', 'digits per step (presets: 256)', 2)}
          {field('seed', 'Seed', 'same weights init and batches for all', 0)}
          {field('evalEvery', 'Evaluate every', 'steps, kNN only (0: at the end only)', 0)}
        </div>
        <label className="qd-check">
          <input type="checkbox" checked={evalAtEnd} onChange={(e) => setEvalAtEnd(e.target.checked)} /> Evaluate at the end: kNN, 10-label linear probe and effective rank
        </label>
        <label className="qd-check">
          <input type="checkbox" checked={withCurrent && canQueueCurrent} disabled={!canQueueCurrent} onChange={(e) => setWithCurrent(e.target.checked)} /> Also queue the graph on the canvas (“{currentName}”) with these settings
        </label>
        <div className="qd-field qd-field--inline">
          <label className="qd-field__label" htmlFor={`${id}-backend`}>
            Backend
          </label>
          <select id={`${id}-backend`} value={backend} onChange={(e) => setBackend(e.target.value as BackendChoice)} aria-describedby={`${id}-backend-help`}>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
          <span className="qd-field__help" id={`${id}-backend-help`}>
            these presets are MLPs: wasm trains them fast without a GPU
          </span>
        </div>
        {errors.length > 0 && (
          <ul className="qd__errors" role="alert">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <div className="qd__buttons">
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary">
            Queue {withCurrent && canQueueCurrent ? 4 : 3} runs
          </button>
        </div>
      </form>
    </div>
  );
}
