'use client';
// Share: a link that holds the whole graph, and the classroom flags an
// instructor sets with checkboxes (what the students' studio hides, locks or
// fixes). The flags go into the link's copy of the graph only: the
// instructor's own studio stays as it is.
import { useId, useMemo, useState } from 'react';
import type { Graph } from '../../../engine/graph';
import { BACKEND_IDS, type Classroom, type ParamLock } from '../../../engine/teach';
import { getSpec } from '../../../nodes/registry';
import { CATEGORY_IDS, CATEGORY_TITLE, CONTROL_IDS, CONTROL_TITLE, VIEW_IDS, VIEW_TITLE } from '../../lib/share/classroom-labels';
import { MAX_LINK_CHARS, shareUrl, type LinkViews } from '../../lib/share/link';
import '../runs/QueueDialog.css';
import './ShareDialog.css';

interface ShareDialogProps {
  graph: Graph;
  views: LinkViews;
  backend: (typeof BACKEND_IDS)[number];
  onExportFile(): void;
  onCopied(ok: boolean): void;
  onClose(): void;
}

const toggle = <T,>(list: readonly T[], x: T, on: boolean): T[] => (on ? [...list.filter((y) => y !== x), x] : list.filter((y) => y !== x));

/** The graph the link carries: the canvas's graph with the dialog's classroom choices. */
export function linkGraph(graph: Graph, classroom: Classroom, locks: string[], paramLocks: ParamLock[]): Graph {
  return { ...graph, meta: { ...graph.meta, classroom, locks, paramLocks } };
}

export function ShareDialog({ graph, views, backend, onExportFile, onCopied, onClose }: ShareDialogProps) {
  const id = useId();
  const [classroom, setClassroom] = useState<Classroom>(graph.meta.classroom);
  const [locks, setLocks] = useState<string[]>(graph.meta.locks);
  const [paramLocks, setParamLocks] = useState<ParamLock[]>(graph.meta.paramLocks);
  const [openNode, setOpenNode] = useState<string | null>(null);
  const link = useMemo(
    () => shareUrl(window.location.href, { graph: linkGraph(graph, classroom, locks, paramLocks), views, backend: classroom.backend ?? backend }),
    [graph, classroom, locks, paramLocks, views, backend],
  );
  const set = <K extends keyof Classroom>(k: K, v: Classroom[K]) => setClassroom((c) => ({ ...c, [k]: v }));

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      onCopied(true);
    } catch {
      onCopied(false);
    }
  };

  const checks = <T extends string>(legend: string, ids: readonly T[], titles: Record<T, string>, chosen: readonly T[], onChange: (next: T[]) => void) => (
    <fieldset className="share__group">
      <legend>{legend}</legend>
      {ids.map((k) => (
        <label key={k} className="share__check">
          <input type="checkbox" checked={chosen.includes(k)} onChange={(e) => onChange(toggle(chosen, k, e.target.checked))} /> {titles[k]}
        </label>
      ))}
    </fieldset>
  );

  return (
    <div className="qd-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="qd share" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="share-dialog">
        <h2 id={`${id}-title`}>Share this graph</h2>
        <p className="qd__lead">The link holds the whole graph: its nodes, run settings, seed, tour, notes and the views you chose. Nothing is uploaded; whoever opens it gets exactly this graph, and their own graph stays in their Recent list.</p>

        <details className="share__classroom" open={classroom !== graph.meta.classroom || undefined}>
          <summary>Classroom: what students can see and change</summary>
          <div className="share__groups">
            {checks('Hide palette categories', CATEGORY_IDS, CATEGORY_TITLE, classroom.hideCategories, (v) => set('hideCategories', v))}
            {checks('Hide views', VIEW_IDS, VIEW_TITLE, classroom.hidePanels, (v) => set('hidePanels', v))}
            {checks('Hide controls', CONTROL_IDS, CONTROL_TITLE, classroom.hideControls, (v) => set('hideControls', v))}
            <fieldset className="share__group">
              <legend>Fix</legend>
              <label className="share__check">
                <input type="checkbox" checked={classroom.runOnly} onChange={(e) => set('runOnly', e.target.checked)} /> Only Train / Step / Reset (no editing)
              </label>
              <label className="share__check">
                <input type="checkbox" checked={classroom.fixedViews} onChange={(e) => set('fixedViews', e.target.checked)} /> Fixed views
              </label>
              <label className="share__check">
                Backend{' '}
                <select aria-label="Fixed backend" value={classroom.backend ?? ''} onChange={(e) => set('backend', e.target.value === '' ? null : (e.target.value as Classroom['backend']))}>
                  <option value="">student chooses</option>
                  {BACKEND_IDS.map((b) => (
                    <option key={b} value={b}>
                      {b}
                    </option>
                  ))}
                </select>
              </label>
            </fieldset>
          </div>
          <fieldset className="share__group share__locks">
            <legend>Lock nodes or single parameters</legend>
            {graph.nodes.length === 0 && <p className="qd__lead">The graph has no nodes yet.</p>}
            {graph.nodes.map((n) => {
              const spec = getSpec(n.type);
              const params = Object.entries(spec?.params ?? {});
              return (
                <div key={n.id} className="share__node">
                  <label className="share__check">
                    <input type="checkbox" aria-label={`Lock node ${n.id}`} checked={locks.includes(n.id)} onChange={(e) => setLocks((l) => toggle(l, n.id, e.target.checked))} /> {spec?.label ?? n.type} <code>{n.id}</code>
                  </label>
                  {params.length > 0 && !locks.includes(n.id) && (
                    <button type="button" className="link-btn" aria-label={`Parameters of ${n.id}`} aria-expanded={openNode === n.id} onClick={() => setOpenNode(openNode === n.id ? null : n.id)}>
                      parameters
                    </button>
                  )}
                  {openNode === n.id && !locks.includes(n.id) && (
                    <div className="share__params">
                      {params.map(([key, def]) => {
                        const on = paramLocks.some((l) => l.node === n.id && l.param === key);
                        return (
                          <label key={key} className="share__check">
                            <input
                              type="checkbox"
                              aria-label={`Lock ${def.label} of ${n.id}`}
                              checked={on}
                              onChange={(e) => setParamLocks((l) => (e.target.checked ? [...l, { node: n.id, param: key }] : l.filter((x) => !(x.node === n.id && x.param === key))))}
                            />{' '}
                            {def.label}
                          </label>
                        );
                      })}
                    </div>
                  )}
                </div>
              );
            })}
          </fieldset>
        </details>

        {link.tooLarge ? (
          <div className="share__too-large" role="alert" data-testid="share-too-large">
            This graph is too large for a link ({link.chars.toLocaleString('en')} characters; links stay under {MAX_LINK_CHARS.toLocaleString('en')} so chat apps and course pages don&apos;t cut them). Hand out the graph as a file instead.
            <button type="button" className="btn btn--primary" onClick={onExportFile}>
              Export JSON file
            </button>
          </div>
        ) : (
          <div className="share__url">
            <input type="text" readOnly value={link.url} aria-label="Share link" data-testid="share-url" onFocus={(e) => e.target.select()} />
            <button type="button" className="btn btn--primary" onClick={() => void copy()}>
              Copy link
            </button>
          </div>
        )}
        <p className="share__size">{link.chars.toLocaleString('en')} characters</p>
        <div className="qd__buttons">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
