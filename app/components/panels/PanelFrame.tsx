'use client';
// The frame every training view sits in: a title, the view's own tools, and
// an Enlarge button that turns the same element into a modal dialog over the
// studio. The view is not remounted when enlarged, so its canvases keep their
// data and simply redraw at the larger size (they observe their own size).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { downloadBlob } from '../../lib/download';
import { MaximizeIcon, MinimizeIcon } from '../icons';
import { useFigureGraph } from '../teach/figure-graph';
import { panelPng } from '../teach/panel-png';
import './PanelFrame.css';

interface PanelFrameProps {
  title: string;
  testId: string;
  /** Short status next to the title, e.g. "step 120". */
  meta?: ReactNode;
  tools?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function PanelFrame({ title, testId, meta, tools, className, children }: PanelFrameProps) {
  const [max, setMax] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLElement>(null);
  const graph = useFigureGraph();
  const exportPng = async () => {
    if (!section.current) return;
    // a PNG of the view carries the graph that made it (dropping it on the canvas opens that graph)
    downloadBlob(await panelPng(section.current, title, graph), `latent-studio-${testId.replace(/-panel$/, '')}.png`);
  };

  useEffect(() => {
    if (!max) return;
    toggle.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setMax(false);
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [max]);

  return (
    <>
      {max && <div className="view-backdrop" onClick={() => setMax(false)} aria-hidden="true" />}
      <section
        ref={section}
        className={`view${max ? ' is-max' : ''}${className ? ` ${className}` : ''}`}
        data-testid={testId}
        aria-label={title}
        role={max ? 'dialog' : 'region'}
        aria-modal={max || undefined}
      >
        <header className="view__head">
          <h3 className="panel__h">{title}</h3>
          {meta && <span className="view__meta">{meta}</span>}
          <div className="view__tools">
            {tools}
            <button type="button" className="btn btn--small btn--ghost" onClick={() => void exportPng()} aria-label={`Export ${title} as PNG`} title="PNG of this view, with the graph inside (drop it on the canvas to open the graph)">
              PNG
            </button>
            <button
              ref={toggle}
              type="button"
              className="btn btn--icon btn--ghost view__max"
              onClick={() => setMax((m) => !m)}
              aria-label={max ? `Restore ${title}` : `Enlarge ${title}`}
              title={max ? 'Restore (Esc)' : 'Enlarge'}
            >
              {max ? <MinimizeIcon /> : <MaximizeIcon />}
            </button>
          </div>
        </header>
        <div className="view__body">{children}</div>
      </section>
    </>
  );
}

/** A centred line of text for a view with nothing to show yet. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="view__empty">{children}</p>;
}
