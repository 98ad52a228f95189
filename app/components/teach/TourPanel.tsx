'use client';
// A guided tour over the canvas: one step at a time, its nodes and wires
// highlighted, ending in "try this" changes that apply with a click (through
// the studio's replace, so Undo and Recent cover them). An instructor can
// write or edit the tour here: text per step, attached to the selected nodes.
import { useState } from 'react';
import type { Graph } from '../../../engine/graph';
import { applyTourChanges } from '../../../engine/teach-apply';
import type { Tour, TourStep } from '../../../engine/teach';
import { useStudio } from '../../lib/graph-store';
import './Tour.css';

interface TourPanelProps {
  graph: Graph;
  onApply(g: Graph, label: string): void;
  onError(message: string): void;
  onClose(): void;
}

/** The highlight is a style rule on the canvas's own test ids: the canvas needs no tour code. */
function Highlight({ step }: { step: TourStep | null }) {
  if (!step) return null;
  const rules = [
    ...step.nodes.map((id) => `[data-testid="node-${id}"]{outline:3px solid var(--accent);outline-offset:4px;border-radius:10px;box-shadow:0 0 0 8px color-mix(in srgb, var(--accent) 25%, transparent)}`),
    ...step.edges.map((id) => `[data-testid="rf__edge-${id}"] .react-flow__edge-path{stroke:var(--accent);stroke-width:4px}`),
  ];
  return <style data-testid="tour-highlight">{rules.join('\n')}</style>;
}

const blankStep = (nodes: string[]): TourStep => ({ title: 'New step', text: 'What should the students look at here?', nodes, edges: [] });

function TourEditor({ graph, onDone }: { graph: Graph; onDone(saved: boolean): void }) {
  const { state, dispatch } = useStudio();
  const [tour, setTour] = useState<Tour>(graph.meta.tour ?? { title: graph.meta.name, steps: [blankStep(state.selectedNodes)], tries: [] });
  const setStep = (i: number, patch: Partial<TourStep>) => setTour((t) => ({ ...t, steps: t.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)) }));
  const save = () => {
    const steps = tour.steps.filter((s) => s.text.trim() !== '');
    if (steps.length === 0) return;
    dispatch({ type: 'setTeaching', patch: { tour: { ...tour, steps } } });
    onDone(true);
  };
  return (
    <div className="tour__edit">
      <label className="tour__field">
        Tour title
        <input value={tour.title} maxLength={200} onChange={(e) => setTour({ ...tour, title: e.target.value })} />
      </label>
      <ol className="tour__edit-steps">
        {tour.steps.map((s, i) => (
          <li key={i}>
            <input aria-label={`Step ${i + 1} title`} value={s.title} maxLength={120} onChange={(e) => setStep(i, { title: e.target.value })} />
            <textarea aria-label={`Step ${i + 1} text`} value={s.text} rows={3} maxLength={4000} onChange={(e) => setStep(i, { text: e.target.value })} />
            <div className="tour__edit-row">
              <span className="tour__nodes">{s.nodes.length ? s.nodes.join(', ') : 'no nodes'}</span>
              <button type="button" className="link-btn" onClick={() => setStep(i, { nodes: [...state.selectedNodes], edges: [...state.selectedEdges] })}>
                Attach selection
              </button>
              <button type="button" className="link-btn" onClick={() => setTour((t) => ({ ...t, steps: t.steps.filter((_, k) => k !== i) }))} disabled={tour.steps.length === 1}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="tour__buttons">
        <button type="button" className="btn btn--small" onClick={() => setTour((t) => ({ ...t, steps: [...t.steps, blankStep(state.selectedNodes)] }))} disabled={tour.steps.length >= 30}>
          Add step
        </button>
        <span className="tour__spacer" />
        <button type="button" className="btn btn--ghost btn--small" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="button" className="btn btn--primary btn--small" onClick={save}>
          Save tour
        </button>
      </div>
    </div>
  );
}

export function TourPanel({ graph, onApply, onError, onClose }: TourPanelProps) {
  const tour = graph.meta.tour;
  const [i, setI] = useState(0);
  const [editing, setEditing] = useState(tour === null);
  const step = tour && !editing ? (tour.steps[Math.min(i, tour.steps.length - 1)] ?? null) : null;
  const last = tour !== null && i >= tour.steps.length - 1;

  return (
    <aside className="tour" aria-label="Tour" data-testid="tour">
      <Highlight step={step} />
      <header className="tour__head">
        <strong>{editing ? 'Write a tour' : tour?.title}</strong>
        <span className="tour__spacer" />
        {!editing && !graph.meta.classroom.runOnly && (
          <button type="button" className="link-btn" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <button type="button" className="toast__close" aria-label="Close the tour" onClick={onClose}>
          ×
        </button>
      </header>
      {editing ? (
        <TourEditor graph={graph} onDone={(saved) => (saved || tour ? setEditing(false) : onClose())} />
      ) : (
        tour &&
        step && (
          <>
            <p className="tour__count" data-testid="tour-step">
              Step {Math.min(i, tour.steps.length - 1) + 1} of {tour.steps.length}
            </p>
            <h3 className="tour__title">{step.title}</h3>
            <p className="tour__text">{step.text}</p>
            {last && tour.tries.length > 0 && (
              <div className="tour__tries">
                <h4>Try this</h4>
                {tour.tries.map((t) => (
                  <div key={t.label} className="tour__try">
                    <p>{t.text}</p>
                    <button
                      type="button"
                      className="btn btn--small btn--primary"
                      onClick={() => {
                        const r = applyTourChanges(graph, t.changes);
                        if (r.ok) onApply(r.graph, t.label);
                        else onError(`Could not apply “${t.label}”: ${r.error}.`);
                      }}
                    >
                      {t.label}
                    </button>
                  </div>
                ))}
              </div>
            )}
            <div className="tour__buttons">
              <button type="button" className="btn btn--small" onClick={() => setI(Math.max(0, i - 1))} disabled={i === 0}>
                Back
              </button>
              <span className="tour__spacer" />
              {!last && (
                <button type="button" className="btn btn--small btn--primary" onClick={() => setI(i + 1)}>
                  Next
                </button>
              )}
            </div>
          </>
        )
      )}
    </aside>
  );
}
