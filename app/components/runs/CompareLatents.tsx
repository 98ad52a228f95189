'use client';
// The latent plots of every run side by side at one scrubbed step (each shows
// its latest snapshot at or before it), with the digit colours.
import { atOrBefore } from '../../lib/runs/compare';
import type { RunRecord } from '../../lib/runs/record';
import { classVar, PALETTE_SIZE } from '../../lib/theme';
import type { CanvasSlot } from './compare-canvases';
import { LatentPlot } from './LatentPlot';
import { PagedFigures } from './Pager';
import { RunFigure } from './RunFigure';

interface Props {
  records: RunRecord[];
  labels: string[];
  colors: string[];
  /** Steps that have a latent snapshot or collapse monitor in some run, ascending. */
  steps: number[];
  maxStep: number;
  scrub: number;
  onScrub(step: number): void;
  slot: CanvasSlot;
}

export function CompareLatents({ records, labels, colors, steps, maxStep, scrub, onScrub, slot }: Props) {
  const prevStop = [...steps].reverse().find((s) => s < scrub);
  const nextStop = steps.find((s) => s > scrub);
  return (
    <section className="cmp-card" aria-labelledby="cmp-latent">
      <div className="cmp-card__head">
        <h3 id="cmp-latent">Latent space</h3>
        <span className="cmp-card__note">each plot shows its latest snapshot at or before the chosen step</span>
      </div>
      <div className="cmp-scrub">
        <button type="button" className="btn btn--small" onClick={() => prevStop !== undefined && onScrub(prevStop)} disabled={prevStop === undefined} aria-label="Previous snapshot">
          ‹
        </button>
        <input
          type="range"
          min={steps[0] ?? 0}
          max={maxStep}
          step={1}
          value={scrub}
          onChange={(e) => onScrub(Number(e.target.value))}
          aria-label="Step shown in the latent plots and collapse monitors"
          data-testid="compare-scrubber"
          disabled={steps.length === 0}
        />
        <button type="button" className="btn btn--small" onClick={() => nextStop !== undefined && onScrub(nextStop)} disabled={nextStop === undefined} aria-label="Next snapshot">
          ›
        </button>
        <span className="cmp-scrub__step" data-testid="compare-step">
          step {scrub}
        </span>
      </div>
      <PagedFigures
        what="latent plots"
        records={records}
        figure={(r, i) => {
          const snap = atOrBefore(r.latents, scrub);
          return (
            <RunFigure
              key={r.id}
              kind="latent"
              index={i}
              color={colors[i]}
              label={labels[i]}
              meta={snap ? `step ${snap.step} · ${snap.method.toUpperCase()} of ${snap.source}${snap.explained ? ` · ${Math.round((snap.explained[0] + snap.explained[1]) * 100)}% var.` : ''}` : 'no snapshot yet'}
            >
              <LatentPlot snapshot={snap} label={`Latent plot of ${labels[i]} at step ${snap?.step ?? scrub}`} onCanvas={slot('latents', i)} />
            </RunFigure>
          );
        }}
      />
      <ul className="cmp-classes" aria-label="Digit colours">
        {Array.from({ length: PALETTE_SIZE.class }, (_, d) => (
          <li key={d}>
            <span style={{ background: classVar(d) }} />
            {d}
          </li>
        ))}
      </ul>
    </section>
  );
}
