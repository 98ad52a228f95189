'use client';
// Run history and comparison, mounted once by the studio: the "Runs" button in
// the top bar, the Runs drawer, the queue, its dialog and the compare view.
// The logic is RunsController (app/lib/runs/controller.ts); this component
// creates it, wires it to the trainer client and the page, and renders its
// snapshot. Only what is purely presentation lives here (drawer and dialog open).
import { useEffect, useRef, useState, useSyncExternalStore, type MutableRefObject } from 'react';
import { createPortal } from 'react-dom';
import type { Graph } from '../../../engine/graph';
import type { BackendChoice } from '../../../workers/protocol';
import { downloadBlob } from '../../lib/download';
import { onPageHide } from '../../lib/page-hide';
import { RunsController, type RunsHost, type Tone } from '../../lib/runs/controller';
import type { TrainerClient } from '../../lib/trainer-client';
import { CompareView } from './CompareView';
import { QueueDialog } from './QueueDialog';
import { RunQueueCard } from './RunQueueCard';
import { RunsPanel } from './RunsPanel';

export interface RunsFeatureProps {
  /** The studio's trainer client (created on demand; the worker itself starts on the first run). */
  getClient(): TrainerClient;
  /** Trains a graph the way Train does (the run panel follows it); resolves when the run ends. */
  runGraph(graph: Graph, backend: BackendChoice): Promise<void>;
  /** The graph on the canvas, for "Add current graph to queue". */
  graph: Graph;
  canQueueCurrent: boolean;
  backend: BackendChoice;
  notify(message: string, tone?: Tone, action?: { label: string; run(): void }): void;
  onOpenGraph(graph: Graph, runName: string): void;
  /** A classroom link hid the Runs button; runs are still recorded. */
  hideButton?: boolean;
  /** Receives the import of several runs files (files dropped on the canvas). */
  importRef?: MutableRefObject<((files: File[]) => void) | null>;
}

/** The controller's view of the studio, reading the latest props at call time. */
function hostOf(props: { current: RunsFeatureProps }): RunsHost {
  return {
    runGraph: (graph, backend) => props.current.runGraph(graph, backend),
    stop: () => props.current.getClient().stop(),
    backend: () => props.current.backend,
    current: () => ({ graph: props.current.graph, canQueue: props.current.canQueueCurrent }),
    notify: (m, tone, action) => props.current.notify(m, tone, action),
    openGraph: (graph, name) => props.current.onOpenGraph(graph, name),
  };
}

export function RunsFeature(props: RunsFeatureProps) {
  const latest = useRef(props);
  latest.current = props;
  const [controller] = useState(() => new RunsController(hostOf(latest)));
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState(false);

  useEffect(() => {
    setMounted(true);
    void controller.start();
    const stopTap = latest.current.getClient().tap(controller.tap);
    const stopHide = onPageHide(() => controller.flushAll());
    return () => {
      stopTap();
      stopHide();
      controller.dispose();
    };
  }, [controller]);

  useEffect(() => {
    if (open) void controller.refresh();
  }, [open, controller]);

  useEffect(() => {
    const ref = latest.current.importRef;
    if (!ref) return;
    ref.current = (files) => {
      setOpen(true);
      void controller.importFiles(files);
    };
    return () => void (ref.current = null);
  }, [controller]);

  const download = async (ids: string[]) => {
    const f = await controller.exportFile(ids);
    if (f) downloadBlob(new Blob([f.text], { type: 'application/json' }), f.filename);
  };

  const q = s.queue;
  const buttonLabel = q.running ? `Runs · queue ${q.items.filter((i) => i.status !== 'queued' && i.status !== 'running').length + 1}/${q.items.length}` : 'Runs';

  return (
    <>
      <button type="button" hidden={props.hideButton} className={`btn${open ? ' is-active' : ''}`} aria-expanded={open} aria-controls="runs-drawer" onClick={() => setOpen((o) => !o)} data-testid="runs-button">
        {buttonLabel}
      </button>
      {mounted &&
        createPortal(
          <>
            {open && (
              <div id="runs-drawer">
                <RunsPanel
                  listing={s.listing}
                  storageNote={s.storageNote}
                  importErrors={s.importErrors}
                  selected={s.selected}
                  liveSteps={s.liveSteps}
                  onToggle={(id) => controller.toggle(id)}
                  onClearSelection={() => controller.clearSelection()}
                  onCompare={(ids) => void controller.openCompare(ids)}
                  onRename={(id, name) => void controller.rename(id, name)}
                  onSetTags={(id, tags) => void controller.setTags(id, tags)}
                  onDelete={(id) => void controller.remove(id)}
                  onExport={(ids) => void download(ids)}
                  onImport={(files) => void controller.importFiles(files)}
                  ranking={s.ranking}
                  onRanking={(r) => controller.setRanking(r)}
                  onSelectAll={(ids) => controller.selectAll(ids)}
                  onDismissImportErrors={() => controller.dismissImportErrors()}
                  onOpenGraph={(id) => void controller.openGraph(id)}
                  onDiscardUnreadable={(id) => void controller.discard(id)}
                  onQueueComparison={() => setDialog(true)}
                  onQueueCurrent={() => controller.queueCurrent()}
                  canQueueCurrent={props.canQueueCurrent}
                  onClose={() => setOpen(false)}
                />
              </div>
            )}
            {q.items.length > 0 && (
              <RunQueueCard
                queue={q}
                onCancel={() => controller.queue.cancel()}
                onRemove={(key) => controller.queue.remove(key)}
                onDismiss={() => controller.queue.clearDone()}
                canCompare={s.lastRan.length >= 2}
                onCompare={() => void controller.compareLastRan()}
              />
            )}
            {dialog && (
              <QueueDialog
                initial={s.lastSettings}
                backend={props.backend}
                canQueueCurrent={props.canQueueCurrent}
                currentName={props.graph.meta.name}
                onQueue={(settings, backend, withCurrent) => {
                  setDialog(false);
                  controller.startComparison(settings, backend, withCurrent);
                }}
                onCancel={() => setDialog(false)}
              />
            )}
            {s.compare && <CompareView records={s.compare} onClose={() => controller.closeCompare()} onNotice={(m, t) => latest.current.notify(m, t)} />}
          </>,
          document.body,
        )}
    </>
  );
}
