'use client';
// The training views, docked under the canvas: a bar to open or close the
// dock and to choose which views it shows, a handle to resize it, and the
// views themselves in a grid. Each view subscribes to its own slice of the run
// store, so the dock itself only re-renders when its layout changes.
import { memo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Probe } from '../../lib/probe';
import type { RunStore } from '../../lib/run-store';
import { isNumber, usePersisted } from '../../lib/use-persisted';
import { useRun } from '../../lib/use-run';
import { ChevronIcon } from '../icons';
import { AttentionPanel } from './AttentionPanel';
import { CollapsePanel } from './CollapsePanel';
import { EnergyPanel } from './EnergyPanel';
import { EvalPanel } from './EvalPanel';
import { ImagesPanel } from './ImagesPanel';
import { LatentPanel, type Projection } from './LatentPanel';
import { LossPanel } from './LossPanel';
import './Dock.css';

export type ViewId = 'loss' | 'latent' | 'energy' | 'attention' | 'images' | 'collapse' | 'eval';

const VIEWS: { id: ViewId; title: string }[] = [
  { id: 'loss', title: 'Loss' },
  { id: 'energy', title: 'Energy' },
  { id: 'latent', title: 'Latent space' },
  { id: 'attention', title: 'Attention' },
  { id: 'images', title: 'Images' },
  { id: 'collapse', title: 'Collapse' },
  { id: 'eval', title: 'Evaluation' },
];

const isViewList = (v: unknown): v is ViewId[] => Array.isArray(v) && v.every((x) => VIEWS.some((w) => w.id === x));

const MIN_HEIGHT = 160;
const DEFAULT_HEIGHT = 420;

export interface DockProps {
  store: RunStore;
  open: boolean;
  onOpen(open: boolean): void;
  labelFor(key: string): string;
  probe: Probe | null;
  onClearProbe(): void;
  projection: Projection;
  onProjection(p: Projection): void;
  projectorHint: { representation: string; projector: string } | null;
  isVae: boolean;
  evalEvery: number;
  evalAtEnd: boolean;
  /** A classroom link's choices: views removed entirely, and whether the rest may be toggled. */
  removed?: readonly ViewId[];
  fixedViews?: boolean;
}

function DockView(p: DockProps) {
  const { store, open, onOpen } = p;
  const [hidden, setHidden] = usePersisted<ViewId[]>('views.hidden', [], isViewList);
  const [height, setHeight] = usePersisted('views.height', DEFAULT_HEIGHT, isNumber);
  const hasEnergy = useRun(store, (s) => s.energy !== null);
  const hasAttention = useRun(store, (s) => s.attention !== null);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const dock = useRef<HTMLElement>(null);

  // Energy exists only for 2-D toy data, attention only for transformers: their toggles appear with their first event.
  const available = VIEWS.filter((v) => (v.id !== 'energy' || hasEnergy) && (v.id !== 'attention' || hasAttention) && !p.removed?.includes(v.id));
  const shown = (id: ViewId) => !hidden.includes(id) && available.some((v) => v.id === id);

  const maxHeight = () => Math.max(MIN_HEIGHT, (dock.current?.parentElement?.clientHeight ?? 800) - 140);
  const clamp = (h: number) => Math.round(Math.min(maxHeight(), Math.max(MIN_HEIGHT, h)));

  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { y: e.clientY, h: height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d && dock.current) dock.current.style.height = `${clamp(d.h - (e.clientY - d.y))}px`;
  };
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    // the height is committed once, at the end, so a drag does not re-render the views on every move
    if (d) setHeight(clamp(d.h - (e.clientY - d.y)));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowUp') setHeight(clamp(height + 24));
    else if (e.key === 'ArrowDown') setHeight(clamp(height - 24));
    else return;
    e.preventDefault();
  };

  return (
    <section ref={dock} className={`dock${open ? ' is-open' : ''}`} style={open ? { height: clamp(height) } : undefined} aria-label="Training views" data-testid="dock">
      {open && (
        <div
          className="dock__resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the training views"
          aria-valuenow={height}
          tabIndex={0}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onKeyDown={onKey}
        />
      )}
      <div className="dock__bar">
        <button type="button" className="dock__toggle" aria-expanded={open} onClick={() => onOpen(!open)}>
          <ChevronIcon /> Training views
        </button>
        <div className="dock__chips" role="group" aria-label="Views shown">
          {available.map((v) => {
            const on = !hidden.includes(v.id);
            return (
              <button
                key={v.id}
                type="button"
                className={`chip${on ? ' is-on' : ''}`}
                aria-pressed={on}
                disabled={p.fixedViews}
                onClick={() => {
                  setHidden(on ? [...hidden, v.id] : hidden.filter((x) => x !== v.id));
                  if (!open) onOpen(true);
                }}
              >
                {v.title}
              </button>
            );
          })}
        </div>
      </div>
      {open && (
        <div className="dock__grid">
          {shown('loss') && <LossPanel store={store} labelFor={p.labelFor} />}
          {shown('energy') && <EnergyPanel store={store} />}
          {shown('latent') && <LatentPanel store={store} probe={p.probe} onClearProbe={p.onClearProbe} projection={p.projection} onProjection={p.onProjection} projectorHint={p.projectorHint} />}
          {shown('attention') && <AttentionPanel store={store} />}
          {shown('images') && <ImagesPanel store={store} />}
          {shown('collapse') && <CollapsePanel store={store} />}
          {shown('eval') && <EvalPanel store={store} labelFor={p.labelFor} isVae={p.isVae} evalEvery={p.evalEvery} evalAtEnd={p.evalAtEnd} />}
        </div>
      )}
    </section>
  );
}

export const Dock = memo(DockView);
