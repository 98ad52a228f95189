'use client';
// Held-out evaluation: how good the representation is for classifying digits
// it never trained on (kNN with all training labels; a linear probe with only
// 10 labels per class, the semi-supervised setting), how spread out it is, and
// the loss on held-out data (the −ELBO for a VAE). The latest evaluation is a
// table of final values; earlier ones draw the accuracy over steps.
import { memo } from 'react';
import { formatPercent, formatValue } from '../../lib/format';
import type { RunStore } from '../../lib/run-store';
import { npyFloat32, npyUint8 } from '../../../engine/data/npy';
import { useRun } from '../../lib/use-run';
import type { EmbeddingsEvent, EvalEvent } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import './EvalPanel.css';

const KNN = 'var(--series-0)';
const PROBE = 'var(--ok)';

interface EvalPanelProps {
  store: RunStore;
  labelFor(key: string): string;
  /** The graph is a VAE: its held-out total is the negative ELBO. */
  isVae: boolean;
  /** Settings that decide when evaluations run, for the empty state. */
  evalEvery: number;
  evalAtEnd: boolean;
}

function std(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

/** kNN and probe accuracy over the evaluations of the run, on a 0–100% axis. */
function AccuracyChart({ evals }: { evals: EvalEvent[] }) {
  const W = 300;
  const H = 92;
  const pad = { l: 30, r: 8, t: 6, b: 16 };
  const steps = evals.map((e) => e.step);
  const s0 = Math.min(...steps);
  const s1 = Math.max(...steps);
  const x = (s: number) => pad.l + (s1 === s0 ? 0.5 : (s - s0) / (s1 - s0)) * (W - pad.l - pad.r);
  // the axis spans the accuracies seen (at least 10 points of percentage), so small gains are visible
  const vals = evals.flatMap((e) => [e.knn, e.probe]).filter((v): v is number => v !== null);
  let lo = Math.max(0, Math.floor((Math.min(...vals) - 0.02) * 20) / 20);
  let hi = Math.min(1, Math.ceil((Math.max(...vals) + 0.02) * 20) / 20);
  if (hi - lo < 0.1) [lo, hi] = [Math.max(0, hi - 0.1), Math.max(hi, Math.min(1, lo + 0.1))];
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (H - pad.t - pad.b);
  const line = (pick: (e: EvalEvent) => number | null) =>
    evals
      .map((e) => [e.step, pick(e)] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null)
      .map(([s, v]) => `${x(s).toFixed(1)},${y(v).toFixed(1)}`);
  const knn = line((e) => e.knn);
  const probe = line((e) => e.probe);
  return (
    <svg className="acc-chart" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label="Accuracy over steps" data-points={knn.length}>
      {[lo, (lo + hi) / 2, hi].map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} style={{ stroke: 'color-mix(in srgb, var(--chart-rule) 12%, transparent)' }} />
          <text x={pad.l - 4} y={y(v) + 3} textAnchor="end" className="acc-chart__tick">
            {Math.round(v * 100)}%
          </text>
        </g>
      ))}
      <text x={pad.l} y={H - 3} className="acc-chart__tick">
        step {s0}
      </text>
      <text x={W - pad.r} y={H - 3} textAnchor="end" className="acc-chart__tick">
        {s1}
      </text>
      {knn.length > 1 && <polyline points={knn.join(' ')} fill="none" style={{ stroke: KNN }} strokeWidth="1.6" />}
      {probe.length > 1 && <polyline points={probe.join(' ')} fill="none" style={{ stroke: PROBE }} strokeWidth="1.6" />}
      {knn.map((p, i) => {
        const [cx, cy] = p.split(',');
        return <circle key={`k${i}`} cx={cx} cy={cy} r="2.4" style={{ fill: KNN }} />;
      })}
      {probe.map((p, i) => {
        const [cx, cy] = p.split(',');
        return <circle key={`p${i}`} cx={cx} cy={cy} r="2.4" style={{ fill: PROBE }} />;
      })}
    </svg>
  );
}

/** Saves the held-out embeddings and labels as two NumPy files, the same as the CLI's --save-embeddings. */
function downloadEmbeddings(e: EmbeddingsEvent) {
  const save = (bytes: Uint8Array, name: string) => {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const base = `embeddings-${e.source.replace(/\W+/g, '-')}-step${e.step}`;
  save(npyFloat32(e.data, e.shape), `${base}.npy`);
  save(npyUint8(e.labels, [e.labels.length]), `${base}.labels.npy`);
}

function EvalPanelView({ store, labelFor, isVae, evalEvery, evalAtEnd }: EvalPanelProps) {
  const evals = useRun(store, (s) => s.evals);
  const embeddings = useRun(store, (s) => s.embeddings);
  const doneSteps = useRun(store, (s) => s.done?.steps ?? null);
  const last = evals[evals.length - 1];
  const final = !!last && doneSteps === last.step;
  const heldOutName = isVae ? '−ELBO (held-out)' : 'Held-out loss';
  const withProbe = evals.filter((e) => e.probe !== null);

  const rows: { metric: string; label: string; value: string; raw: number | null; help: string }[] = [];
  if (last) {
    if (last.representation && last.noLabels) {
      rows.push({ metric: 'knn', label: 'kNN accuracy', value: 'no labels', raw: null, help: last.noLabels });
      rows.push({ metric: 'probe', label: 'Linear probe', value: 'no labels', raw: null, help: last.noLabels });
    }
    if (last.representation) {
      if (!last.noLabels) rows.push({ metric: 'knn', label: 'kNN accuracy', value: formatPercent(last.knn), raw: last.knn, help: 'Cosine k-nearest neighbours (k = 20) with all training labels, on the frozen representation.' });
      if (!last.noLabels) rows.push({
        metric: 'probe',
        label: `Linear probe (${last.probePerClass ?? 10} labels/class)`,
        value: last.probe === null ? 'not run' : `${formatPercent(last.probe)}${last.probeDraws && last.probeDraws.length > 1 ? ` ± ${formatPercent(std(last.probeDraws))}` : ''}`,
        raw: last.probe,
        help: `A linear classifier trained on ${last.probePerClass ?? 10} labelled samples per class (fewer only when a class has fewer), mean (± sd) of 5 draws. Runs at the end of a run only (it is the slow part).`,
      });
      rows.push({ metric: 'collapse', label: 'Collapse figure', value: formatValue(last.collapse), raw: last.collapse, help: 'Std of the L2-normalised representation × √d: ≈1 spread, ≈0 collapsed.' });
      rows.push({ metric: 'effectiveRank', label: 'Effective rank (representation)', value: last.effectiveRank === null ? '–' : last.effectiveRank.toFixed(1), raw: last.effectiveRank, help: 'exp(entropy of the singular values) of the representation (the encoder output kNN and the probe use) on the held-out split. The collapse view measures the embedding the loss sees (the projector output, when there is one), so the two can differ.' });
      if (last.embedding && last.embedding !== last.representation) {
        rows.push({ metric: 'embeddingCollapse', label: `Collapse of ${last.embedding}`, value: formatValue(last.embeddingCollapse), raw: last.embeddingCollapse, help: 'The same figure on the embedding the loss sees (the projector output).' });
      }
    }
    if (last.heldOutTotal !== null) rows.push({ metric: 'heldOut', label: heldOutName, value: formatValue(last.heldOutTotal), raw: last.heldOutTotal, help: isVae ? 'Reconstruction + KL on held-out samples: an upper bound on −log p(x).' : 'The weighted loss on the held-out split, in evaluation mode.' });
  }
  const terms = last ? Object.entries(last.heldOut) : [];

  return (
    <PanelFrame
      title="Evaluation"
      testId="eval-panel"
      className="view--eval"
      meta={last ? <code title="The representation evaluated">{last.representation ?? 'no representation'}</code> : undefined}
    >
      {!last ? (
        <Empty>
          {evalEvery > 0 ? `kNN accuracy every ${evalEvery} steps` : 'No evaluation during the run'}
          {evalAtEnd ? '; kNN, a 10-label linear probe and the held-out loss at the end.' : '; none at the end (Eval at end is off).'}
        </Empty>
      ) : (
        <>
          {embeddings && (
            <p className="eval-download">
              <button type="button" className="btn btn--ghost" data-testid="download-embeddings" onClick={() => downloadEmbeddings(embeddings)} title={`The ${embeddings.shape[0]} held-out embeddings of ${embeddings.source} (float32 .npy) and their labels (.labels.npy), for NumPy or scikit-learn`}>
                Download embeddings (.npy)
              </button>
            </p>
          )}
          {last.noLabels && (
            <p className="eval-nolabels" data-testid="eval-no-labels">
              No kNN or linear probe: {last.noLabels}.
            </p>
          )}
          <table className="eval-table" data-testid="eval-final" data-step={last.step} data-final={final} aria-label={`Evaluation at step ${last.step}`}>
            <caption>
              {final ? 'Final' : 'Latest'} · step {last.step} · held-out samples
            </caption>
            <tbody>
              {rows.map((r) => (
                <tr key={r.metric} data-metric={r.metric} data-value={r.raw ?? undefined} title={r.help}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{r.value}</td>
                </tr>
              ))}
              {terms.length > 1 &&
                terms.map(([k, v]) => (
                  <tr key={`t:${k}`} className="eval-table__term" data-metric={`heldOut:${k}`} data-value={v}>
                    <th scope="row">{labelFor(k)}</th>
                    <td className="num">{formatValue(v)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {evals.length > 1 && last.representation && (
            <div className="eval-history">
              <div className="eval-history__legend">
                <span>
                  <span className="swatch" style={{ background: KNN }} />
                  kNN
                </span>
                {withProbe.length > 0 && (
                  <span>
                    <span className="swatch" style={{ background: PROBE }} />
                    linear probe
                  </span>
                )}
              </div>
              <AccuracyChart evals={evals} />
            </div>
          )}
          {evals.length > 1 && (last.representation || last.heldOutTotal !== null) && (
            <table className="eval-steps" aria-label="Evaluations over the run">
              <thead>
                <tr>
                  <th>step</th>
                  {last.representation && <th>kNN</th>}
                  {last.representation && <th>probe</th>}
                  <th>{isVae ? '−ELBO' : 'held-out'}</th>
                </tr>
              </thead>
              <tbody>
                {evals.map((e, i) => (
                  <tr key={`${e.step}:${i}`}>
                    <td>{e.step}</td>
                    {last.representation && <td className="num">{formatPercent(e.knn)}</td>}
                    {last.representation && <td className="num">{formatPercent(e.probe)}</td>}
                    <td className="num">{formatValue(e.heldOutTotal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </PanelFrame>
  );
}

export const EvalPanel = memo(EvalPanelView);
