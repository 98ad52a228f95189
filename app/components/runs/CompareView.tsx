'use client';
// Two to four runs side by side: loss curves on one chart (optionally each
// divided by its first value), held-out kNN and linear-probe accuracy, the
// latent plots and collapse monitors at one scrubbed step, a results table,
// and what differs between the graphs. Exports as one PNG or as a runs file.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import {
  atOrBefore,
  accuracyRange,
  bestIndex,
  CLASS_COLORS,
  distinctLabels,
  evalSeries,
  formatDuration,
  formatNum,
  formatPct,
  normalise,
  primaryLossKey,
  RUN_COLORS,
  snapshotSteps,
} from '../../lib/runs/compare';
import { diffGraphs, SECTION_TITLE, type DiffSection } from '../../lib/runs/graph-diff';
import { exportRuns, lastEval, stepsPerSecOf, wallMsOf, type RunRecord } from '../../lib/runs/record';
import { CompareChart, type ChartLine } from './CompareChart';
import { canvasToBlob, renderPng, type PngTable } from './compare-png';
import { downloadBlob, stamp } from './download';
import { CollapseBars, LatentPlot } from './LatentPlot';
import { StatusBadge } from './StatusBadge';

interface CompareViewProps {
  records: RunRecord[];
  onClose(): void;
  onNotice(message: string, tone: 'info' | 'error' | 'success'): void;
}

const pctAxis = (v: number) => `${Math.round(v * 100)}%`;

function maxRank(records: RunRecord[]): number[] {
  return records.flatMap((r) => r.collapses.map((c) => c.effectiveRank ?? 0));
}

interface ResultColumn {
  head: string;
  title?: string;
  value(r: RunRecord): number | null;
  format(v: number | null, r: RunRecord): string;
  /** Which way is better, for highlighting; undefined: no highlight. */
  better?: 'high' | 'low';
}

const COLUMNS: ResultColumn[] = [
  { head: 'Linear probe', title: 'Logistic regression on the frozen representation with 10 labels per class, mean of 5 draws', value: (r) => lastEval(r, 'probe'), format: (v) => formatPct(v), better: 'high' },
  { head: 'kNN', title: 'k = 20 nearest neighbours (cosine) among all 8,000 labelled training digits', value: (r) => lastEval(r, 'knn'), format: (v) => formatPct(v), better: 'high' },
  { head: 'Effective rank', title: 'exp(entropy of the singular values) of the representation (the monitors below look at the embedding)', value: (r) => lastEval(r, 'effectiveRank'), format: (v) => formatNum(v, 1), better: 'high' },
  { head: 'Collapse', title: 'std of the L2-normalised representation × √d: ≈1 spread out, ≈0 collapsed', value: (r) => lastEval(r, 'collapse'), format: (v) => formatNum(v, 2) },
  { head: 'Steps', value: (r) => r.stepsDone, format: (v, r) => `${v ?? 0} / ${r.stepBudget}` },
  { head: 'Steps/s', value: (r) => stepsPerSecOf(r), format: (v) => (v === null ? '—' : v >= 10 ? v.toFixed(0) : v.toFixed(2)), better: 'high' },
  { head: 'Wall time', value: (r) => wallMsOf(r), format: (v) => formatDuration(v) },
  { head: 'Backend', value: () => null, format: (_v, r) => r.backend ?? '—' },
];

export function CompareView({ records, onClose, onNotice }: CompareViewProps) {
  const labels = useMemo(() => distinctLabels(records.map((r) => r.name)), [records]);
  const colors = records.map((_, i) => RUN_COLORS[i % RUN_COLORS.length]);
  const [normalised, setNormalised] = useState(true);
  const [logY, setLogY] = useState(false);
  const steps = useMemo(() => snapshotSteps(records), [records]);
  const maxStep = Math.max(0, ...steps, ...records.map((r) => r.stepsDone));
  const [scrub, setScrub] = useState(maxStep);
  const root = useRef<HTMLDivElement>(null);
  const closeBtn = useRef<HTMLButtonElement>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    closeBtn.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const lossLines = useMemo<ChartLine[]>(
    () =>
      records.map((r, i) => {
        const key = primaryLossKey(r);
        const y = key ? r.metrics.values[key] : [];
        return { label: labels[i], color: RUN_COLORS[i % RUN_COLORS.length], x: r.metrics.step, y: normalised ? normalise(y) : y };
      }),
    [records, labels, normalised],
  );
  const allPositive = lossLines.every((l) => l.y.every((v) => v === null || v > 0));

  const accLines = useMemo<ChartLine[]>(
    () =>
      records.flatMap((r, i) => {
        const color = RUN_COLORS[i % RUN_COLORS.length];
        return [
          { label: `${labels[i]} · kNN`, color, ...evalSeries(r, 'knn') },
          { label: `${labels[i]} · linear probe`, color, dash: [6, 4], ...evalSeries(r, 'probe') },
        ];
      }),
    [records, labels],
  );

  const accRange = useMemo(() => accuracyRange(accLines.flatMap((l) => l.y)), [accLines]);
  const rankRange = useMemo<[number, number]>(() => [0, Math.max(1, ...maxRank(records)) * 1.1], [records]);

  const rankLines = useMemo<ChartLine[]>(
    () =>
      records.map((r, i) => ({
        label: labels[i],
        color: RUN_COLORS[i % RUN_COLORS.length],
        x: r.collapses.map((c) => c.step),
        y: r.collapses.map((c) => c.effectiveRank),
      })),
    [records, labels],
  );

  const diff = useMemo(() => diffGraphs(records.map((r) => r.graph)), [records]);
  const sections = (['node', 'param', 'edge', 'train'] as DiffSection[]).map((s) => ({ s, rows: diff.filter((d) => d.section === s) })).filter((g) => g.rows.length);

  const best = COLUMNS.map((c) => (c.better ? bestIndex(records.map((r) => c.value(r)), c.better === 'high') : -1));

  const prevStop = [...steps].reverse().find((s) => s < scrub);
  const nextStop = steps.find((s) => s > scrub);

  const tableForPng = (): PngTable[] => {
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
    const el = root.current;
    if (!el) return;
    setExporting(true);
    try {
      const chart = (name: string) => el.querySelector<HTMLCanvasElement>(`[data-export-chart="${name}"] canvas`);
      const canvas = renderPng({
        title: `Latent Studio · ${labels.join(' vs ')}`,
        subtitle: `Exported ${new Date().toLocaleString()} · loss ${normalised ? 'divided by its first value' : 'as logged'} · latent plots and collapse monitors at step ${scrub}`,
        legend: labels.map((label, i) => ({ label, color: colors[i] })),
        charts: [
          { title: normalised ? 'Loss (÷ first value)' : 'Loss', canvas: chart('loss') },
          { title: 'Held-out accuracy (kNN solid, linear probe dashed)', canvas: chart('accuracy') },
        ],
        rankChart: { title: 'Effective rank of the embedding over steps', canvas: chart('rank') },
        latentTitle: `Latent space at step ${scrub}`,
        latents: records.map((r, i) => ({
          title: `${labels[i]} · step ${atOrBefore(r.latents, scrub)?.step ?? '—'}`,
          canvas: el.querySelector<HTMLCanvasElement>(`[data-run-index="${i}"] .cmp-latent__canvas`),
        })),
        collapseTitle: `Collapse monitors · bars: per-dimension spread of the embedding at step ${scrub}, sorted (dashed: fully spread out)`,
        collapses: records.map((r, i) => {
          const c = atOrBefore(r.collapses, scrub);
          return {
            title: `${labels[i]} · rank ${formatNum(c?.effectiveRank, 1)} · collapse ${formatNum(c?.collapse, 2)}`,
            canvas: el.querySelector<HTMLCanvasElement>(`[data-run-index="${i}"] .cmp-collapse__canvas`),
          };
        }),
        tables: tableForPng(),
      });
      downloadBlob(await canvasToBlob(canvas), `latent-studio-compare-${stamp()}.png`);
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
      <div className="cmp" ref={root}>
        <header className="cmp__head">
          <h2 id="cmp-title">Compare {records.length} runs</h2>
          <ul className="cmp__runs">
            {records.map((r, i) => (
              <li key={r.id}>
                <span className="cmp__swatch" style={{ background: colors[i] }} />
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
          <div className="cmp-row cmp-row--charts">
            <section className="cmp-card" aria-labelledby="cmp-loss" data-export-chart="loss">
              <div className="cmp-card__head">
                <h3 id="cmp-loss">Loss</h3>
                <label title="Divide each run's loss by its first value: the losses of different methods live at different scales">
                  <input type="checkbox" checked={normalised} onChange={(e) => setNormalised(e.target.checked)} /> normalise
                </label>
                <label className={allPositive ? '' : 'is-disabled'} title="Logarithmic axis (every value must be above zero)">
                  <input type="checkbox" checked={logY && allPositive} disabled={!allPositive} onChange={(e) => setLogY(e.target.checked)} /> log
                </label>
              </div>
              <CompareChart lines={lossLines} logY={logY && allPositive} empty="No loss was logged." testId="compare-loss" yLabel={normalised ? '÷ first value' : undefined} />
            </section>
            <section className="cmp-card" aria-labelledby="cmp-acc" data-export-chart="accuracy">
              <div className="cmp-card__head">
                <h3 id="cmp-acc">Held-out accuracy</h3>
                <span className="cmp-card__note">kNN solid · linear probe dashed</span>
              </div>
              <CompareChart lines={accLines} yRange={accRange} format={pctAxis} empty="No evaluation yet: runs are evaluated at the end (Evaluate at the end) and every “Evaluate every” steps." testId="compare-accuracy" />
            </section>
          </div>

          <section className="cmp-card" aria-labelledby="cmp-latent">
            <div className="cmp-card__head">
              <h3 id="cmp-latent">Latent space</h3>
              <span className="cmp-card__note">each plot shows its latest snapshot at or before the chosen step</span>
            </div>
            <div className="cmp-scrub">
              <button type="button" className="btn btn--small" onClick={() => prevStop !== undefined && setScrub(prevStop)} disabled={prevStop === undefined} aria-label="Previous snapshot">
                ‹
              </button>
              <input
                type="range"
                min={steps[0] ?? 0}
                max={maxStep}
                step={1}
                value={scrub}
                onChange={(e) => setScrub(Number(e.target.value))}
                aria-label="Step shown in the latent plots and collapse monitors"
                data-testid="compare-scrubber"
                disabled={steps.length === 0}
              />
              <button type="button" className="btn btn--small" onClick={() => nextStop !== undefined && setScrub(nextStop)} disabled={nextStop === undefined} aria-label="Next snapshot">
                ›
              </button>
              <span className="cmp-scrub__step" data-testid="compare-step">
                step {scrub}
              </span>
            </div>
            <div className="cmp-plots" style={{ gridTemplateColumns: `repeat(${records.length}, minmax(0, 1fr))` }}>
              {records.map((r, i) => {
                const snap = atOrBefore(r.latents, scrub);
                return (
                  <figure key={r.id} className="cmp-latent" data-testid="compare-latent" data-run-index={i}>
                    <figcaption>
                      <span className="cmp__swatch" style={{ background: colors[i] }} />
                      <strong>{labels[i]}</strong>
                      <span className="cmp-latent__meta">
                        {snap ? `step ${snap.step} · ${snap.method.toUpperCase()} of ${snap.source}${snap.explained ? ` · ${Math.round((snap.explained[0] + snap.explained[1]) * 100)}% var.` : ''}` : 'no snapshot yet'}
                      </span>
                    </figcaption>
                    <LatentPlot snapshot={snap} label={`Latent plot of ${labels[i]} at step ${snap?.step ?? scrub}`} />
                  </figure>
                );
              })}
            </div>
            <ul className="cmp-classes" aria-label="Digit colours">
              {Array.from({ length: 10 }, (_, d) => (
                <li key={d}>
                  <span style={{ background: CLASS_COLORS[d] }} />
                  {d}
                </li>
              ))}
            </ul>
          </section>

          <section className="cmp-card" aria-labelledby="cmp-collapse">
            <div className="cmp-card__head">
              <h3 id="cmp-collapse">Collapse monitors</h3>
              <span className="cmp-card__note">effective rank of the embedding over steps; bars: each dimension’s spread at step {scrub}, sorted (dashed: fully spread out)</span>
            </div>
            <div data-export-chart="rank">
              <CompareChart lines={rankLines} height={160} yRange={rankRange} yLabel="effective rank" empty="No collapse monitor was recorded (graphs without an embedding have none)." testId="compare-rank" />
            </div>
            <div className="cmp-plots" style={{ gridTemplateColumns: `repeat(${records.length}, minmax(0, 1fr))` }}>
              {records.map((r, i) => {
                const c = atOrBefore(r.collapses, scrub);
                return (
                  <figure key={r.id} className="cmp-collapse" data-testid="compare-collapse" data-run-index={i}>
                    <figcaption>
                      <span className="cmp__swatch" style={{ background: colors[i] }} />
                      <strong>{labels[i]}</strong>
                      <span className="cmp-latent__meta">
                        {c ? `rank ${formatNum(c.effectiveRank, 1)} · collapse ${formatNum(c.collapse, 2)}${c.alignment !== null ? ` · align ${formatNum(c.alignment, 2)}` : ''}` : 'no monitor yet'}
                      </span>
                    </figcaption>
                    <CollapseBars point={c} label={`Per-dimension spread of ${labels[i]} at step ${c?.step ?? scrub}`} />
                    {c?.warning && <p className="cmp-warning">{c.warning}</p>}
                  </figure>
                );
              })}
            </div>
          </section>

          <section className="cmp-card" aria-labelledby="cmp-results">
            <div className="cmp-card__head">
              <h3 id="cmp-results">Results</h3>
              <span className="cmp-card__note">last evaluation on the 2,000 held-out digits; best in bold</span>
            </div>
            <div className="cmp-table-wrap">
              <table className="cmp-table" data-testid="compare-table">
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Status</th>
                    {COLUMNS.map((c) => (
                      <th key={c.head} scope="col" className="num" title={c.title}>
                        {c.head}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {records.map((r, i) => (
                    <tr key={r.id} data-run-id={r.id}>
                      <th scope="row">
                        <span className="cmp__swatch" style={{ background: colors[i] }} />
                        {labels[i]}
                      </th>
                      <td>
                        <StatusBadge status={r.status} title={r.error ?? undefined} />
                      </td>
                      {COLUMNS.map((c, ci) => {
                        const v = c.value(r);
                        return (
                          <td key={c.head} className={`num${best[ci] === i ? ' is-best' : ''}`} data-col={c.head} data-value={v ?? ''}>
                            {c.format(v, r)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="cmp-card" aria-labelledby="cmp-diff" data-testid="compare-diff">
            <div className="cmp-card__head">
              <h3 id="cmp-diff">What differs between the graphs</h3>
              <span className="cmp-card__note">nodes matched by id; parameters with their defaults filled in</span>
            </div>
            {diff.length === 0 ? (
              <p className="cmp-empty">The graphs, their parameters and training settings are identical.</p>
            ) : (
              <div className="cmp-table-wrap">
                <table className="cmp-table cmp-diff">
                  <thead>
                    <tr>
                      <th scope="col" />
                      {labels.map((l, i) => (
                        <th key={i} scope="col">
                          <span className="cmp__swatch" style={{ background: colors[i] }} />
                          {l}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {sections.map(({ s, rows }) => (
                      <Fragment key={s}>
                        <tr className="cmp-diff__section">
                          <th colSpan={labels.length + 1} scope="rowgroup">
                            {SECTION_TITLE[s]}
                          </th>
                        </tr>
                        {rows.map((d) => (
                          <tr key={d.key} data-diff-key={d.key}>
                            <th scope="row">{d.label}</th>
                            {d.values.map((v, i) => (
                              <td key={i} className={v === null ? 'is-absent' : ''}>
                                {v ?? '—'}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
