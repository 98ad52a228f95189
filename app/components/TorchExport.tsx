'use client';
// "PyTorch": export the graph as a PyTorch project (a zip made by the worker from
// the node parts in nodes/*/*.torch.ts), optionally starting from the weights of
// the last run, and import a trained checkpoint (train.py's weights.npz) back to
// see its latent space, collapse monitors and probe.
import { useEffect, useId, useRef, useState } from 'react';
import { planExport } from '../../engine/export/plan';
import { readNpz } from '../../engine/export/npz';
import { slug } from '../../engine/export/slug';
import { torchToStudio, type Named } from '../../engine/export/weights';
import type { Graph } from '../../engine/graph';
import type { GraphIssue } from '../../engine/types';
import { getSpec } from '../../nodes/registry';
import { torchPart } from '../../nodes/torch';
import type { TrainerClient } from '../lib/trainer-client';
import type { Notice } from './Toast';
import { downloadBlob } from '../lib/download';
import './TorchExport.css';

interface LastWeights {
  step: number;
  /** The graph the run trained, to tell whether the weights fit the canvas's. */
  graph: Graph;
  tensors: Named;
}

interface TorchExportProps {
  graph: Graph;
  getClient(): TrainerClient;
  /** Starts a 0-step run from imported tensors (the views then show that model). */
  onImportRun(graph: Graph, tensors: Named): void;
  notify(message: string, tone?: Notice['tone']): void;
}

/** Whether a run's weights still fit the canvas's graph (same nodes, params and wiring). */
function sameModel(a: Graph, b: Graph): boolean {
  const key = (g: Graph) => JSON.stringify([g.nodes.map((n) => [n.id, n.type, n.params]), g.edges.map((e) => [e.from, e.to])]);
  return key(a) === key(b);
}

function download(bytes: Uint8Array, name: string) {
  downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), name);
}

export function TorchExport({ graph, getClient, onImportRun, notify }: TorchExportProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<LastWeights | null>(null);
  const [withWeights, setWithWeights] = useState(true);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<GraphIssue[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);

  // every run hands its weights out when it ends: keep the last run's
  useEffect(
    () =>
      getClient().tap((g, options) =>
        options.initialWeights ? null : { event: (e) => e.type === 'weights' && setLast({ step: e.step, graph: g, tensors: e.tensors }), end: () => undefined },
      ),
    [getClient],
  );

  const fits = last !== null && sameModel(last.graph, graph);
  const problems = open ? (() => {
    const r = planExport(graph, getSpec, torchPart);
    return r.ok ? [] : r.issues;
  })() : [];

  const exportZip = async () => {
    setBusy(true);
    setIssues([]);
    try {
      const r = await getClient().exportTorch(graph, withWeights && fits ? last!.tensors : null);
      if (!r.ok) {
        setIssues(r.issues);
        return;
      }
      download(r.zip, `${slug(graph.meta.name)}-pytorch.zip`);
      notify(`Exported “${graph.meta.name}” to PyTorch${withWeights && fits ? ` with the weights of step ${last!.step}` : ''}`, 'success');
      setOpen(false);
    } catch (e) {
      setIssues([{ code: 'runtime', severity: 'error', nodeIds: [], message: (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const importWeights = async (file: File) => {
    setIssues([]);
    try {
      const r = planExport(graph, getSpec, torchPart);
      if (!r.ok) {
        setIssues(r.issues);
        return;
      }
      const t = torchToStudio(r.plan, readNpz(new Uint8Array(await file.arrayBuffer()), file.name), {});
      if (Object.keys(t.tensors).length === 0) {
        setIssues([{ code: 'invalid-file', severity: 'error', nodeIds: [], message: `${file.name} holds none of this graph's tensors (expected keys like ${r.plan.weightMap.slice(0, 2).map((w) => w.torch).join(', ')}); export this graph and train it to get a matching file` }]);
        return;
      }
      onImportRun(graph, t.tensors);
      notify(`Imported ${Object.keys(t.tensors).length} tensors from ${file.name}${t.missing.length ? `; ${t.missing.length} kept their initial values` : ''}: the views show the imported model`, 'success');
      setOpen(false);
    } catch (e) {
      setIssues([{ code: 'invalid-file', severity: 'error', nodeIds: [], message: `${file.name}: ${(e as Error).message}` }]);
    }
  };

  const shown = issues.length ? issues : problems;
  return (
    <>
      <button type="button" className="btn btn--ghost" onClick={() => setOpen(true)} data-testid="torch-export-open">
        PyTorch
      </button>
      {open && (
        <div className="tx-overlay" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <div className="tx" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="torch-export">
            <h2 id={`${id}-title`}>Export to PyTorch</h2>
            <p className="tx__lead">
              A small PyTorch project that computes what this graph computes: <code>model.py</code>, <code>losses.py</code>, <code>augment.py</code>, <code>data.py</code> (this dataset), <code>train.py</code>. Run <code>python train.py</code>, or{' '}
              <code>torchrun --nproc_per_node=N train.py</code> on N GPUs.
            </p>
            <label className="tx-check">
              <input type="checkbox" checked={withWeights && fits} disabled={!fits} onChange={(e) => setWithWeights(e.target.checked)} />
              <span>
                {fits ? `Start from the weights of the last run (step ${last!.step})` : last ? 'Start from the last run’s weights (the graph has changed since that run)' : 'Start from the last run’s weights (train first)'}
              </span>
            </label>
            {shown.length > 0 && (
              <ul className="tx__errors" role="alert" data-testid="torch-export-issues">
                {shown.map((i, k) => (
                  <li key={k}>
                    {i.message}
                    {i.nodeIds.length ? ` (${i.nodeIds.join(', ')})` : ''}
                  </li>
                ))}
              </ul>
            )}
            <div className="tx__actions">
              <button type="button" className="btn btn--ghost" onClick={() => fileInput.current?.click()} title="train.py writes checkpoints/weights.npz">
                Import PyTorch weights…
              </button>
              <input
                ref={fileInput}
                type="file"
                accept=".npz"
                className="sr-only"
                tabIndex={-1}
                aria-label="Import PyTorch weights"
                data-testid="torch-import-input"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void importWeights(f);
                }}
              />
              <span className="tx__spacer" />
              <button type="button" className="btn btn--ghost" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn--primary" disabled={busy || problems.length > 0} onClick={() => void exportZip()} data-testid="torch-export-download">
                {busy ? 'Exporting…' : 'Download .zip'}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
