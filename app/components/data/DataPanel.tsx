'use client';
// Bring your own data: the "Data" button in the top bar and its drawer. Import a
// zip, .npz/.npy or CSV (file picker, or drop it on the canvas) or a folder of
// images; the import runs in a worker with a progress bar and Cancel. Each
// imported set is listed with its size, shape, class counts and date; rename,
// delete, or use it in the graph on the canvas.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { IMPORT_EXTENSIONS } from '../../../engine/data/import-file';
import { folderSource, type DatasetMeta } from '../../lib/datasets';
import { useDatasets } from './data-context';
import './DataPanel.css';

export interface DataFeatureProps {
  open: boolean;
  onOpen(open: boolean): void;
  /** Point the canvas's graph at a dataset. */
  onUse(meta: DatasetMeta): void;
  /** Set when the panel should open straight into the file picker. */
  pickRequest: number;
}

const PHASE = { reading: 'Reading', decoding: 'Decoding images', storing: 'Storing' } as const;

function describeShape(m: DatasetMeta): string {
  if (m.kind === 'vector') return `${m.sampleShape[0]}-d vectors`;
  const [s, , c] = m.sampleShape;
  return `${s}×${s} ${c === 3 ? 'RGB' : 'grey'} images`;
}

const size = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} kB`);

function DatasetRow({ m, onUse }: { m: DatasetMeta; onUse(m: DatasetMeta): void }) {
  const { ctx } = useDatasets();
  const [name, setName] = useState(m.name);
  const [confirm, setConfirm] = useState(false);
  useEffect(() => setName(m.name), [m.name]);
  const commit = () => {
    const n = name.trim();
    if (n && n !== m.name) void ctx?.store.rename(m.id, n);
    else setName(m.name);
  };
  const total = m.trainCount + m.testCount;
  return (
    <li className="dataset" data-testid="dataset" data-name={m.name}>
      <div className="dataset__head">
        <input className="dataset__name" aria-label={`Name of ${m.name}`} value={name} onChange={(e) => setName(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()} />
        <button type="button" className="btn btn--primary" onClick={() => onUse(m)} title="Use this dataset in the graph on the canvas (its data node becomes a “Your data” node)">
          Use in graph
        </button>
        {confirm ? (
          <button type="button" className="btn btn--danger" onClick={() => void ctx?.store.remove(m.id)} onBlur={() => setConfirm(false)} autoFocus>
            Delete for good?
          </button>
        ) : (
          <button type="button" className="btn btn--ghost" aria-label={`Delete ${m.name}`} onClick={() => setConfirm(true)}>
            Delete
          </button>
        )}
      </div>
      <p className="dataset__facts" data-testid="dataset-facts">
        {describeShape(m)} · {total.toLocaleString('en-US')} {m.kind === 'image' ? 'images' : 'rows'} ({m.trainCount.toLocaleString('en-US')} train / {m.ownSplit ? `${m.testCount.toLocaleString('en-US')} test, the file’s split` : '80/20 split by the seed'}) · {size(m.bytes)} · {new Date(m.createdAt).toLocaleDateString()}
      </p>
      <p className="dataset__classes" data-testid="dataset-classes">
        {m.classNames && m.classCounts ? m.classNames.map((c, i) => `${c} ${m.classCounts![i]}`).join(' · ') : 'No labels: kNN and the linear probe cannot be scored; collapse, effective rank and held-out loss still can.'}
      </p>
      {m.notes.length > 0 && (
        <ul className="dataset__notes">
          {m.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <p className="dataset__source">
        from {m.source} · <code title={m.id}>{m.id.slice(0, 12)}</code>
      </p>
    </li>
  );
}

export function DataFeature({ open, onOpen, onUse, pickRequest }: DataFeatureProps) {
  const { snap, ctx } = useDatasets();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  useEffect(() => {
    if (pickRequest > 0) fileInput.current?.click();
  }, [pickRequest]);
  const store = ctx?.store;
  const imp = snap.importing;
  const pct = imp ? Math.round((100 * imp.progress.done) / Math.max(1, imp.progress.total)) : 0;

  const drawer = (
    <div className="data-drawer" id="data-drawer" role="dialog" aria-label="Imported datasets">
      <div className="data-drawer__head">
        <h2>Data</h2>
        <span className="data-drawer__count">{snap.list ? `${snap.list.length} imported` : 'reading…'}</span>
        <button type="button" className="btn btn--ghost data-drawer__close" aria-label="Close the Data panel" onClick={() => onOpen(false)}>
          ×
        </button>
      </div>
      <div className="data-drawer__import">
        <button type="button" className="btn" onClick={() => fileInput.current?.click()} disabled={!!imp}>
          Import file…
        </button>
        <button type="button" className="btn" onClick={() => folderInput.current?.click()} disabled={!!imp}>
          Import folder…
        </button>
        <label className="data-drawer__cap">
          limit
          <input type="number" min={1} step={50} value={snap.sizeCapMb} onChange={(e) => store?.setSizeCap(Number(e.target.value))} aria-label="Largest file to import, in MB" />
          MB
        </label>
        <input ref={fileInput} type="file" hidden accept={IMPORT_EXTENSIONS.join(',')} data-testid="data-file-input" onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f && store) void store.import({ kind: 'file', file: f });
        }} />
        <input ref={folderInput} type="file" hidden multiple data-testid="data-folder-input" {...{ webkitdirectory: '' }} onChange={(e) => {
          const src = e.target.files ? folderSource(e.target.files) : null;
          e.target.value = '';
          if (src && store) void store.import(src);
        }} />
      </div>
      <p className="data-drawer__help">A .zip or folder of PNG/JPEG/WebP/BMP images (one sub-folder per class, or flat for unlabelled data; train/ and test/ folders are kept as the split), a MedMNIST-style .npz/.npy, or a .csv of vectors with an optional label column. Files can also be dropped on the canvas.</p>
      {imp && (
        <div className="data-progress" data-testid="import-progress" role="status">
          <span>
            {PHASE[imp.progress.phase]} {imp.name}
            {imp.progress.phase === 'decoding' ? ` · ${imp.progress.done.toLocaleString('en-US')} / ${imp.progress.total.toLocaleString('en-US')}` : ''}
          </span>
          <progress max={100} value={imp.progress.phase === 'decoding' ? pct : undefined} aria-label={`Importing ${imp.name}`} />
          <button type="button" className="btn btn--ghost" onClick={() => store?.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {snap.outcome && (
        <div className={`data-outcome data-outcome--${snap.outcome.tone}`} role={snap.outcome.tone === 'error' ? 'alert' : 'status'} data-testid="import-outcome">
          <strong>{snap.outcome.title}</strong>
          {snap.outcome.lines.length > 0 && (
            <ul>
              {snap.outcome.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          <button type="button" className="btn btn--ghost" aria-label="Dismiss" onClick={() => store?.dismissOutcome()}>
            ×
          </button>
        </div>
      )}
      {snap.storageError && <p className="data-outcome data-outcome--error">{snap.storageError}</p>}
      <ul className="dataset-list">
        {snap.list?.map((m) => <DatasetRow key={m.id} m={m} onUse={onUse} />)}
        {snap.list?.length === 0 && <li className="dataset-list__empty">No datasets yet. Import one to train on your own images or vectors.</li>}
      </ul>
    </div>
  );

  return (
    <>
      <button type="button" className={`btn${open ? ' is-active' : ''}`} aria-expanded={open} aria-controls="data-drawer" onClick={() => onOpen(!open)} data-testid="data-button">
        {imp ? `Data · ${imp.progress.phase === 'decoding' ? `${pct}%` : '…'}` : 'Data'}
      </button>
      {mounted && createPortal(<div hidden={!open}>{drawer}</div>, document.body)}
    </>
  );
}
