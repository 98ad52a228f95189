'use client';
// Two to four runs side by side: loss curves on one chart (optionally each
// divided by its first value), held-out kNN and linear-probe accuracy, the
// latent plots and collapse monitors at one scrubbed step, a results table,
// and what differs between the graphs. Exports as one PNG or as a runs file.
//
// This file holds the overlay, the header, the state the sections share (scrubbed
// step, loss options) and the exports; each section is its own component.
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatNum } from '../../lib/format';
import { atOrBefore, distinctLabels, snapshotSteps } from '../../lib/runs/compare';
import { diffGraphs, SECTION_TITLE } from '../../lib/runs/graph-diff';
import type { RunRecord } from '../../lib/runs/record';
import { exportRuns } from '../../lib/runs/runs-file';
import { downloadBlob } from '../../lib/download';
import { embedGraph } from '../../lib/share/figure';
import { stamp } from '../../lib/file-names';
import { runVar } from '../../lib/theme';
import { canvasSlots, emptyCanvases } from './compare-canvases';
import { COLUMNS } from './compare-columns';
import { canvasToBlob, renderPng, type PngTable } from './compare-png';
import { CompareCharts } from './CompareCharts';
import { CompareCollapse } from './CompareCollapse';
import { CompareDiff } from './CompareDiff';
import { CompareLatents } from './CompareLatents';
import { CompareResults } from './CompareResults';
import { RunSwatch } from './RunSwatch';
import { StatusBadge } from './StatusBadge';
import './CompareView.css';

interface CompareViewProps {
  records: RunRecord[];
  onClose(): void;
  onNotice(message: string, tone: 'info' | 'error' | 'success'): void;
}

export function CompareView({ records, onClose, onNotice }: CompareViewProps) {
  const labels = useMemo(() => distinctLabels(records.map((r) => r.name)), [records]);
  const colors = useMemo(() => records.map((_, i) => runVar(i)), [records]);
  const [normalized, setNormalized] = useState(true);
  const [logY, setLogY] = useState(false);
  const steps = useMemo(() => snapshotSteps(records), [records]);
  const maxStep = Math.max(0, ...steps, ...records.map((r) => r.stepsDone));
  const [scrub, setScrub] = useState(maxStep);
  const closeBtn = useRef<HTMLButtonElement>(null);
  const [exporting, setExporting] = useState(false);
  const canvases = useRef(emptyCanvases()).current;
  const slot = useMemo(() => canvasSlots(canvases), [canvases]);
  const diff = useMemo(() => diffGraphs(records.map((r) => r.graph)), [records]);

  useEffect(() => {
    closeBtn.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const tablesForPng = (): PngTable[] => {
    const out: PngTable[] = [
      {
        title: 'Results (last evaluation)',
        head: ['Run', 'Status', ...COLUMNS.map((c) => c.head)],
        rows: records.map((r, i) => [labels[i], r.status, ...COLUMNS.map((c) => c.format(c.value(r), r))]),
        colors,
      },
    ];
    if (diff.length) {
      out.push({
        title: 'What differs between the graphs',
        head: ['', ...labels],
        rows: diff.slice(0, 40).map((d) => [`${SECTION_TITLE[d.section]}: ${d.label}`, ...d.values.map((v) => v ?? '—')]),
      });
    }
    return out;
  };

  const exportPng = async () => {
    setExporting(true);
    try {
      const canvas = renderPng({
        title: `Latent Studio · ${labels.join(' vs ')}`,
        subtitle: `Exported ${new Date().toLocaleString()} · loss ${normalized ? 'divided by its first value' : 'as logged'} · latent plots and collapse monitors at step ${scrub}`,
        legend: labels.map((label, i) => ({ label, color: colors[i] })),
        charts: [
          { title: normalized ? 'Loss (÷ first value)' : 'Loss', canvas: canvases.loss },
          { title: 'Held-out accuracy (kNN solid, linear probe dashed)', canvas: canvases.accuracy },
        ],
        rankChart: { title: 'Effective rank of the embedding over steps', canvas: canvases.rank },
        latentTitle: `Latent space at step ${scrub}`,
        latents: records.map((r, i) => ({ title: `${labels[i]} · step ${atOrBefore(r.latents, scrub)?.step ?? '—'}`, canvas: canvases.latents[i] ?? null })),
        collapseTitle: `Collapse monitors · bars: per-dimension spread of the embedding at step ${scrub}, sorted (dashed: fully spread out)`,
        collapses: records.map((r, i) => {
          const c = atOrBefore(r.collapses, scrub);
          return { title: `${labels[i]} · rank ${formatNum(c?.effectiveRank, 1)} · collapse ${formatNum(c?.collapse, 2)}`, canvas: canvases.collapses[i] ?? null };
        }),
        tables: tablesForPng(),
      });
      // the first run's graph travels inside the figure: dropped on the canvas, it opens
      downloadBlob(await embedGraph(await canvasToBlob(canvas), records[0].graph), `latent-studio-compare-${stamp()}.png`);
    } catch (e) {
      onNotice(`Could not export the PNG: ${(e as Error).message}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  const exportJson = () => {
    downloadBlob(new Blob([exportRuns(records)], { type: 'application/json' }), `latent-studio-compare-${stamp()}.json`);
  };

  return (
    <div className="cmp-overlay" role="dialog" aria-modal="true" aria-labelledby="cmp-title" data-testid="compare-view">
      <div className="cmp">
        <header className="cmp__head">
          <h2 id="cmp-title">Compare {records.length} runs</h2>
          <ul className="cmp__runs">
            {records.map((r, i) => (
              <li key={r.id}>
                <RunSwatch color={colors[i]} />
                {labels[i]}
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
          <div className="cmp__actions">
            <button type="button" className="btn" onClick={() => void exportPng()} disabled={exporting}>
              Export PNG
            </button>
            <button type="button" className="btn" onClick={exportJson}>
              Export runs JSON
            </button>
            <button type="button" className="btn btn--ghost" onClick={onClose} ref={closeBtn} aria-label="Close the comparison">
              Close
            </button>
          </div>
        </header>

        <div className="cmp__body">
          <CompareCharts records={records} labels={labels} colors={colors} normalized={normalized} onNormalized={setNormalized} logY={logY} onLogY={setLogY} slot={slot} />
          <CompareLatents records={records} labels={labels} colors={colors} steps={steps} maxStep={maxStep} scrub={scrub} onScrub={setScrub} slot={slot} />
          <CompareCollapse records={records} labels={labels} colors={colors} scrub={scrub} slot={slot} />
          <CompareResults records={records} labels={labels} colors={colors} />
          <CompareDiff diff={diff} labels={labels} colors={colors} />
        </div>
      </div>
    </div>
  );
}
