'use client';
// Run history and comparison, mounted once by the studio: the "Runs" button in
// the top bar, the Runs drawer, the queue, its dialog and the compare view.
//
// It records every run the trainer client starts (a tap on the client, so the
// studio's Train and the queue are recorded alike), saving the record while it
// trains so a closed tab loses at most the last few seconds; on load, runs a
// closed tab left "running" become "interrupted".
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { Graph } from '../../../engine/graph';
import type { BackendChoice } from '../../../workers/protocol';
import { memoryRunDB, openRunsDB } from '../../lib/runs/db';
import { newRunId, RunHistory, type Listing } from '../../lib/runs/history';
import { LiveRunSaver } from '../../lib/runs/live-saver';
import { holdRunLock, liveRunIds } from '../../lib/runs/liveness';
import { comparisonDefaults, comparisonItems, applySettings, queueItem, RunQueue, type ComparisonSettings, type QueueItem, type QueueOutcome } from '../../lib/runs/queue';
import { exportRuns, parseRunsFile, type RunRecord } from '../../lib/runs/record';
import { RunRecorder } from '../../lib/runs/recorder';
import type { TrainerClient } from '../../lib/trainer-client';
import { CompareView } from './CompareView';
import { downloadBlob, fileSlug, stamp } from '../../lib/download';
import { QueueDialog } from './QueueDialog';
import { RunQueueCard } from './RunQueueCard';
import { MAX_COMPARE, RunsPanel } from './RunsPanel';
import { onPageHide } from '../../lib/page-hide';

/** How often a training run's record is written while it trains. */
const SAVE_EVERY_MS = 2000;
const PROGRESS_EVERY_MS = 200;
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

type Tone = 'info' | 'error' | 'success';

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
}

interface QueueMeta {
  key: string;
  name: string;
  preset: string | null;
  tags: string[];
  onStart(): void;
  onEnd(r: RunRecord): void;
}

function message(e: unknown): string {
  return (e as Error)?.message || String(e);
}

export function RunsFeature(props: RunsFeatureProps) {
  const latest = useRef(props);
  latest.current = props;

  const history = useRef<RunHistory>(null as unknown as RunHistory);
  if (!history.current) history.current = new RunHistory(typeof indexedDB === 'undefined' ? memoryRunDB() : openRunsDB());
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const [listing, setListing] = useState<Listing | null>(null);
  const [storageNote, setStorageNote] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [compare, setCompare] = useState<RunRecord[] | null>(null);
  const [dialog, setDialog] = useState(false);
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const [liveSteps, setLiveSteps] = useState<Record<string, number>>({});
  const [lastSettings, setLastSettings] = useState<ComparisonSettings>(() => comparisonDefaults());

  const recovered = useRef<Promise<void> | null>(null);
  const liveSavers = useRef(new Map<string, LiveRunSaver>());
  /** The queue item whose run starts next: runs start one at a time, so the next run the client starts is this one. */
  const pendingMeta = useRef<QueueMeta | null>(null);
  const active = useRef(0);
  const idleWaiters = useRef<(() => void)[]>([]);
  const stopWaiting = useRef(false);
  const lastRan = useRef<string[]>([]);

  // ---- storage -------------------------------------------------------------
  const fallBackToMemory = useCallback((e: unknown) => {
    if (history.current.db && 'raw' in history.current.db) return;
    history.current = new RunHistory(memoryRunDB());
    setStorageNote(`Browser storage is unavailable (${message(e)}), so runs are kept only until this tab closes.`);
  }, []);

  const refresh = useCallback(async () => {
    await recovered.current;
    try {
      setListing(await history.current.list());
    } catch (e) {
      fallBackToMemory(e);
      setListing(await history.current.list());
    }
  }, [fallBackToMemory]);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void refresh();
    }, 250);
  }, [refresh]);

  useEffect(() => {
    setMounted(true);
    recovered.current = (async () => {
      try {
        const live = await liveRunIds();
        const ids = await history.current.recoverInterrupted((id) => live?.has(id) ?? false);
        if (ids.length) latest.current.notify(`${ids.length === 1 ? 'A run' : `${ids.length} runs`} cut off when the page closed ${ids.length === 1 ? 'was' : 'were'} kept as interrupted (see Runs).`, 'info');
      } catch (e) {
        fallBackToMemory(e);
      }
    })();
    const stop = onPageHide(() => {
      for (const s of liveSavers.current.values()) void s.flush();
    });
    return () => {
      stop();
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
  }, [fallBackToMemory]);

  useEffect(() => {
    if (open) void refresh();
  }, [open, refresh]);

  // ---- the queue -----------------------------------------------------------
  const waitIdle = () => (active.current === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.current.push(r)));

  const openCompare = useCallback(
    async (ids: string[]) => {
      const loaded = await Promise.all(ids.slice(0, MAX_COMPARE).map((id) => history.current.load(id)));
      const records = loaded.flatMap((r) => (r.ok ? [r.record] : []));
      const bad = loaded.flatMap((r) => (r.ok ? [] : r.errors));
      if (bad.length) latest.current.notify(`Some runs could not be opened: ${bad[0]}`, 'error');
      if (records.length >= 2) setCompare(records);
      else if (!bad.length) latest.current.notify('Select two to four runs to compare.', 'info');
    },
    [],
  );

  const queue = useMemo(
    () =>
      new RunQueue(
        {
          run: (item: QueueItem) =>
            new Promise<QueueOutcome>((resolve) => {
              let started = false;
              const meta: QueueMeta = {
                key: item.key,
                name: item.name,
                preset: item.preset,
                tags: item.tags,
                onStart: () => (started = true),
                onEnd: (r) => resolve({ runId: r.id, status: r.status === 'running' ? 'interrupted' : r.status, error: r.error }),
              };
              stopWaiting.current = false;
              void waitIdle()
                .then(() => {
                  if (stopWaiting.current) return;
                  pendingMeta.current = meta;
                  return latest.current.runGraph(item.graph, (item.backend as BackendChoice | null) ?? latest.current.backend);
                })
                .then(
                  () => {
                    if (pendingMeta.current === meta) pendingMeta.current = null;
                    if (!started) resolve({ runId: null, status: stopWaiting.current ? 'stopped' : 'failed', error: stopWaiting.current ? null : 'the run did not start' });
                  },
                  (e: unknown) => {
                    if (pendingMeta.current === meta) pendingMeta.current = null;
                    if (!started) resolve({ runId: null, status: 'failed', error: message(e) });
                  },
                );
            }),
          stop: () => {
            stopWaiting.current = true;
            latest.current.getClient().stop();
          },
        },
        (ran, cancelled) => {
          const ids = ran.filter((i) => i.runId && (i.status === 'finished' || i.status === 'stopped')).map((i) => i.runId!);
          lastRan.current = ids;
          scheduleRefresh();
          if (cancelled) return;
          if (ids.length >= 2) {
            setSelected(ids.slice(-MAX_COMPARE));
            void openCompare(ids.slice(-MAX_COMPARE));
          } else if (ran.some((i) => i.status === 'failed')) {
            latest.current.notify(`The queue finished, but ${ran.filter((i) => i.status === 'failed').length} of its runs failed (see Runs).`, 'error');
          }
        },
      ),
    [openCompare, scheduleRefresh],
  );
  const queueState = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);

  // ---- recording every run the client starts ------------------------------
  useEffect(() => {
    const client = latest.current.getClient();
    return client.tap((graph, options) => {
      const meta = pendingMeta.current;
      pendingMeta.current = null;
      const id = newRunId();
      const recorder = new RunRecorder({
        id,
        name: meta?.name ?? graph.meta.name,
        graph,
        backendChoice: options.backend,
        stepBudget: options.steps ?? graph.meta.train.steps,
        startedAt: Date.now(),
        preset: meta?.preset ?? null,
        tags: meta?.tags ?? [],
      });
      const saver = new LiveRunSaver(recorder, (r) => history.current.save(r).then(scheduleRefresh), {
        intervalMs: SAVE_EVERY_MS,
        onError: (e) => setStorageNote(`The run could not be saved: ${message(e)}`),
      });
      const release = holdRunLock(id);
      liveSavers.current.set(id, saver);
      active.current++;
      meta?.onStart();
      void saver.flush();
      let lastProgress = 0;
      return {
        event(e) {
          if (!saver.event(e)) return;
          if (e.type !== 'metrics' && e.type !== 'done') return;
          const now = performance.now();
          if (e.type === 'metrics' && now - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = now;
          const step = recorder.record.stepsDone;
          setLiveSteps((s) => ({ ...s, [id]: step }));
          if (meta) queue.progress(meta.key, step);
        },
        end(error) {
          active.current--;
          void saver.end(error ? message(error) : null).finally(() => {
            release();
            liveSavers.current.delete(id);
            setLiveSteps((s) => {
              const next = { ...s };
              delete next[id];
              return next;
            });
            scheduleRefresh();
            meta?.onEnd(recorder.record);
            if (active.current === 0) {
              const waiters = idleWaiters.current;
              idleWaiters.current = [];
              waiters.forEach((w) => w());
            }
          });
        },
      };
    });
  }, [queue, scheduleRefresh]);

  // ---- actions -------------------------------------------------------------
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_COMPARE ? s : [...s, id]));

  const edit = async (what: string, f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      latest.current.notify(`Could not ${what}: ${message(e)}`, 'error');
    }
    await refresh();
  };

  // A run training in this tab keeps writing its in-memory record, so an edit goes there too.
  const rename = (id: string, name: string) =>
    void edit('rename the run', async () => {
      const s = await history.current.rename(id, name);
      const live = liveSavers.current.get(id);
      if (live) {
        live.recorder.update({ name: s.name });
        await live.flush();
      }
    });

  const setTags = (id: string, tags: string[]) =>
    void edit('change the tags', async () => {
      const s = await history.current.setTags(id, tags);
      const live = liveSavers.current.get(id);
      if (live) {
        live.recorder.update({ tags: s.tags });
        await live.flush();
      }
    });

  const remove = async (id: string) => {
    let rec: RunRecord | null = null;
    await edit('delete the run', async () => {
      rec = await history.current.remove(id);
    });
    setSelected((s) => s.filter((x) => x !== id));
    const r = rec as RunRecord | null;
    if (r) {
      latest.current.notify(`Deleted “${r.name}”`, 'info', {
        label: 'Undo',
        run: () => void edit('restore the run', () => history.current.restore(r)),
      });
    }
  };

  const exportIds = async (ids: string[]) => {
    const loaded = await Promise.all(ids.map((id) => history.current.load(id)));
    const records = loaded.flatMap((r) => (r.ok ? [r.record] : []));
    if (records.length === 0) {
      latest.current.notify('Nothing to export: the selected runs could not be read.', 'error');
      return;
    }
    const name = records.length === 1 ? `${fileSlug(records[0].name, 'runs')}.run.json` : `latent-studio-runs-${stamp()}.json`;
    downloadBlob(new Blob([exportRuns(records)], { type: 'application/json' }), name);
  };

  const importFile = async (file: File) => {
    setImportErrors(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setImportErrors({ file: file.name, errors: ['the file is larger than 200 MB; no runs file needs that much'] });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setImportErrors({ file: file.name, errors: [`could not read the file: ${message(e)}`] });
      return;
    }
    const { records, errors } = parseRunsFile(text);
    if (errors.length) setImportErrors({ file: file.name, errors });
    if (records.length === 0) return;
    try {
      const r = await history.current.importRecords(records);
      const plural = (k: number) => `${k} run${k === 1 ? '' : 's'}`;
      const already = r.unchanged.length ? ` (${plural(r.unchanged.length)} already stored, not added again)` : '';
      const imported = `Imported ${plural(r.added.length)} from ${file.name}${already}`;
      if (r.conflicts.length) {
        // same id, different content: only the user can say whether it is a copy worth keeping
        const keepBoth = async () => {
          const b = await history.current.importRecords(r.conflicts, { keepBoth: true });
          latest.current.notify(`Kept both: added ${plural(b.added.length)} as copies`, 'success');
          await refresh();
        };
        latest.current.notify(`${imported}. ${plural(r.conflicts.length)} ${r.conflicts.length === 1 ? 'has' : 'have'} the id of a stored run but different content and ${r.conflicts.length === 1 ? 'was' : 'were'} not imported.`, 'info', { label: 'Keep both', run: () => void keepBoth() });
      } else latest.current.notify(imported, r.added.length ? 'success' : 'info');
    } catch (e) {
      setImportErrors({ file: file.name, errors: [`could not store the runs: ${message(e)}`] });
    }
    await refresh();
  };

  const openGraph = async (id: string) => {
    const r = await history.current.load(id);
    if (!r.ok) {
      latest.current.notify(`Could not open the run: ${r.errors[0]}`, 'error');
      return;
    }
    latest.current.onOpenGraph(r.record.graph, r.record.name);
  };

  const queueCurrent = (settings?: ComparisonSettings) => {
    const p = latest.current;
    if (!p.canQueueCurrent) {
      p.notify('The graph on the canvas has problems to fix before it can train.', 'error');
      return null;
    }
    const g = settings ? applySettings(p.graph, settings) : (structuredClone(p.graph) as Graph);
    return queueItem(g, { name: g.meta.name, backend: p.backend });
  };

  const startComparison = (s: ComparisonSettings, backend: BackendChoice, withCurrent: boolean) => {
    setDialog(false);
    setLastSettings(s);
    const items = comparisonItems(s, { backend });
    const current = withCurrent ? queueCurrent(s) : null;
    if (current) items.push({ ...current, backend });
    queue.clearDone();
    queue.add(items);
  };

  const buttonLabel = queueState.running ? `Runs · queue ${queueState.items.filter((i) => i.status !== 'queued' && i.status !== 'running').length + 1}/${queueState.items.length}` : 'Runs';

  return (
    <>
      <button type="button" className={`btn${open ? ' is-active' : ''}`} aria-expanded={open} aria-controls="runs-drawer" onClick={() => setOpen((o) => !o)} data-testid="runs-button">
        {buttonLabel}
      </button>
      {mounted &&
        createPortal(
          <>
            {open && (
              <div id="runs-drawer">
                <RunsPanel
                  listing={listing}
                  storageNote={storageNote}
                  importErrors={importErrors}
                  selected={selected}
                  liveSteps={liveSteps}
                  onToggle={toggle}
                  onClearSelection={() => setSelected([])}
                  onCompare={(ids) => void openCompare(ids)}
                  onRename={rename}
                  onSetTags={setTags}
                  onDelete={(id) => void remove(id)}
                  onExport={(ids) => void exportIds(ids)}
                  onImport={(f) => void importFile(f)}
                  onDismissImportErrors={() => setImportErrors(null)}
                  onOpenGraph={(id) => void openGraph(id)}
                  onDiscardUnreadable={(id) => void edit('delete the record', () => history.current.discard(id))}
                  onQueueComparison={() => setDialog(true)}
                  onQueueCurrent={() => {
                    const item = queueCurrent();
                    if (item) queue.add([item]);
                  }}
                  canQueueCurrent={props.canQueueCurrent}
                  onClose={() => setOpen(false)}
                />
              </div>
            )}
            {queueState.items.length > 0 && (
              <RunQueueCard
                queue={queueState}
                onCancel={() => queue.cancel()}
                onRemove={(key) => queue.remove(key)}
                onDismiss={() => queue.clearDone()}
                canCompare={lastRan.current.length >= 2}
                onCompare={() => void openCompare(lastRan.current.slice(-MAX_COMPARE))}
              />
            )}
            {dialog && (
              <QueueDialog
                initial={lastSettings}
                backend={props.backend}
                canQueueCurrent={props.canQueueCurrent}
                currentName={props.graph.meta.name}
                onQueue={startComparison}
                onCancel={() => setDialog(false)}
              />
            )}
            {compare && <CompareView records={compare} onClose={() => setCompare(null)} onNotice={(m, t) => latest.current.notify(m, t)} />}
          </>,
          document.body,
        )}
    </>
  );
}
