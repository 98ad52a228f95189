// The Runs feature without React: the run history (listing, selection, edits,
// import and export), recovery of runs a closed tab cut off, recording every run
// the trainer client starts, and the queue that trains runs one after another.
// A component subscribes to one immutable snapshot and calls methods; nothing
// here touches the DOM, so the whole feature is unit-tested in Node with an
// in-memory database.
//
// How a queued run meets its recording: runs start one at a time, so the queue
// parks its item's name, preset and tags (`pending`) just before it asks the host
// to train, and the next run the client starts takes them (recording.ts).
//
// One class on purpose: every action reads and writes the same snapshot; the
// recording and the queue hand-off are recording.ts, runs files transfer.ts,
// the outside world host.ts.
import type { Graph } from '../../../engine/graph';
import type { BackendChoice } from '../../../workers/protocol';
import type { RunTap } from '../trainer-client';
import { memoryRunDB } from './db';
import { RunHistory, type Listing } from './history';
import { browserEnvironment, type RunsEnvironment, type RunsHost } from './host';
import { applySettings, comparisonDefaults, comparisonItems, queueItem, RunQueue, type ComparisonSettings, type QueueState } from './queue';
import type { RunRecord } from './record';
import { exportRunsFile, importRunsFiles, message, type ExportFile, type RunsFileLike } from './transfer';
import type { Ranking } from './rank';
import { RunRecording } from './recording';

export type { RunsEnvironment, RunsHost, Tone } from './host';
export type { ExportFile } from './transfer';

/** At most this many runs are compared at once: a class's results (the compare view pages the latent plots). */
export const MAX_COMPARE = 40;

export interface RunsSnapshot {
  /** Summaries, newest first; null until first read. */
  listing: Listing | null;
  /** Why runs are not being kept as they should (storage unavailable, a failed save). */
  storageNote: string | null;
  /** Ticked runs, at most MAX_COMPARE. */
  selected: string[];
  /** The runs the compare view shows, or null when it is closed. */
  compare: RunRecord[] | null;
  importErrors: { file: string; errors: string[] } | null;
  /** Steps done by each run training in this tab, by run id. */
  liveSteps: Record<string, number>;
  queue: QueueState;
  /** The queue dialog's last settings (it opens with them). */
  lastSettings: ComparisonSettings;
  /** Runs the last queue finished or stopped (what its card's Compare opens). */
  lastRan: string[];
  /** How the Runs list is ordered (rank.ts). */
  ranking: Ranking;
}

export class RunsController {
  readonly env: RunsEnvironment;
  history: RunHistory;
  private inMemory = false;
  private snap: RunsSnapshot;
  private listeners = new Set<() => void>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Settles once runs a closed tab left "running" are marked interrupted (every read waits for it). */
  recovered: Promise<void> = Promise.resolve();
  readonly queue: RunQueue;
  readonly recording: RunRecording;

  constructor(
    readonly host: RunsHost,
    env: Partial<RunsEnvironment> = {},
  ) {
    this.env = { ...browserEnvironment(), ...env };
    this.history = new RunHistory(this.env.openDB());
    this.recording = new RunRecording(this);
    this.queue = new RunQueue(this.recording.queueRunner(), (ran, cancelled) => this.onQueueDrained(ran, cancelled));
    this.snap = { listing: null, storageNote: null, selected: [], compare: null, importErrors: null, liveSteps: {}, queue: this.queue.getSnapshot(), lastSettings: comparisonDefaults(), lastRan: [], ranking: 'recent' };
    this.queue.subscribe(() => this.set({ queue: this.queue.getSnapshot() }));
  }

  // ---- subscribe / snapshot ------------------------------------------------
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  getSnapshot = (): RunsSnapshot => this.snap;

  /** @internal for the recording and the queue bridge */
  set(patch: Partial<RunsSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  /** Recording every run the client starts: `client.tap(controller.tap)`. */
  tap: RunTap = (graph, options) => this.recording.start(graph, options);

  // ---- storage -------------------------------------------------------------
  /** Marks runs a closed tab cut off as interrupted; call once on mount. */
  start(): Promise<void> {
    this.recovered = (async () => {
      try {
        const live = await this.env.liveRunIds();
        const ids = await this.history.recoverInterrupted((id) => live?.has(id) ?? false);
        if (ids.length) this.host.notify(`${ids.length === 1 ? 'A run' : `${ids.length} runs`} cut off when the page closed ${ids.length === 1 ? 'was' : 'were'} kept as interrupted (see Runs).`, 'info');
      } catch (e) {
        this.fallBackToMemory(e);
      }
    })();
    return this.recovered;
  }

  /** Stops timers; the recording of a run in flight goes on until it ends. */
  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  /** @internal */
  fallBackToMemory(e: unknown): void {
    if (this.inMemory) return;
    this.inMemory = true;
    this.history = new RunHistory(memoryRunDB());
    this.set({ storageNote: `Browser storage is unavailable (${message(e)}), so runs are kept only until this tab closes.` });
  }

  async refresh(): Promise<void> {
    await this.recovered;
    try {
      this.set({ listing: await this.history.list() });
    } catch (e) {
      this.fallBackToMemory(e);
      this.set({ listing: await this.history.list() });
    }
  }

  /** A refresh soon, coalescing the many saves of a training run. */
  scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, this.env.refreshDelayMs);
  }

  // ---- selection and comparison ---------------------------------------------
  toggle(id: string): void {
    const s = this.snap.selected;
    this.set({ selected: s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_COMPARE ? s : [...s, id] });
  }

  clearSelection(): void {
    this.set({ selected: [] });
  }

  async openCompare(ids: string[]): Promise<void> {
    const loaded = await Promise.all(ids.slice(0, MAX_COMPARE).map((id) => this.history.load(id)));
    const records = loaded.flatMap((r) => (r.ok ? [r.record] : []));
    const bad = loaded.flatMap((r) => (r.ok ? [] : r.errors));
    if (bad.length) this.host.notify(`Some runs could not be opened: ${bad[0]}`, 'error');
    if (records.length >= 2) this.set({ compare: records });
    else if (!bad.length) this.host.notify('Select two to four runs to compare.', 'info');
  }

  closeCompare(): void {
    this.set({ compare: null });
  }

  // ---- edits -----------------------------------------------------------------
  private async edit(what: string, f: () => Promise<unknown>): Promise<void> {
    try {
      await f();
    } catch (e) {
      this.host.notify(`Could not ${what}: ${message(e)}`, 'error');
    }
    await this.refresh();
  }

  /** A run training in this tab keeps writing its in-memory record, so an edit goes there too. */
  rename(id: string, name: string): Promise<void> {
    return this.edit('rename the run', async () => {
      const s = await this.history.rename(id, name);
      await this.recording.update(id, { name: s.name });
    });
  }

  setTags(id: string, tags: string[]): Promise<void> {
    return this.edit('change the tags', async () => {
      const s = await this.history.setTags(id, tags);
      await this.recording.update(id, { tags: s.tags });
    });
  }

  /** Deletes a run, with Undo in the notice. */
  async remove(id: string): Promise<void> {
    let rec: RunRecord | null = null;
    await this.edit('delete the run', async () => {
      rec = await this.history.remove(id);
    });
    this.set({ selected: this.snap.selected.filter((x) => x !== id) });
    const r = rec as RunRecord | null;
    if (r) this.host.notify(`Deleted “${r.name}”`, 'info', { label: 'Undo', run: () => void this.edit('restore the run', () => this.history.restore(r)) });
  }

  /** Deletes a stored record that cannot be read. */
  discard(id: string): Promise<void> {
    return this.edit('delete the record', () => this.history.discard(id));
  }

  async openGraph(id: string): Promise<void> {
    const r = await this.history.load(id);
    if (!r.ok) {
      this.host.notify(`Could not open the run: ${r.errors[0]}`, 'error');
      return;
    }
    this.host.openGraph(r.record.graph, r.record.name);
  }

  // ---- files -------------------------------------------------------------------
  /** The runs as one JSON file to download; null (with a notice) when none could be read. */
  exportFile(ids: string[]): Promise<ExportFile | null> {
    return exportRunsFile(this, ids);
  }

  importFile(file: RunsFileLike): Promise<void> {
    return this.importFiles([file]);
  }

  /** Many runs files at once, one notice for all (transfer.ts). */
  importFiles(files: readonly RunsFileLike[]): Promise<void> {
    return importRunsFiles(this, files);
  }

  /** @internal for transfer.ts */
  setImportErrors(importErrors: RunsSnapshot['importErrors']): void {
    this.set({ importErrors });
  }

  setRanking(ranking: Ranking): void {
    this.set({ ranking });
  }

  /** Ticks every given run (the ranked, filtered list), up to MAX_COMPARE. */
  selectAll(ids: readonly string[]): void {
    this.set({ selected: ids.slice(0, MAX_COMPARE) });
  }

  dismissImportErrors(): void {
    this.set({ importErrors: null });
  }

  // ---- the queue -----------------------------------------------------------------
  /** Adds the canvas's graph to the queue (with the comparison's settings when given). */
  queueCurrent(settings?: ComparisonSettings): boolean {
    const item = this.currentItem(settings);
    if (item) this.queue.add([item]);
    return item !== null;
  }

  private currentItem(settings?: ComparisonSettings) {
    const { graph, canQueue } = this.host.current();
    if (!canQueue) {
      this.host.notify('The graph on the canvas has problems to fix before it can train.', 'error');
      return null;
    }
    const g = settings ? applySettings(graph, settings) : (structuredClone(graph) as Graph);
    return queueItem(g, { name: g.meta.name, backend: this.host.backend() });
  }

  /** Queues SimCLR, BYOL and VICReg with the same settings (and the canvas's graph). */
  startComparison(s: ComparisonSettings, backend: BackendChoice, withCurrent: boolean): void {
    this.set({ lastSettings: s });
    const items = comparisonItems(s, { backend });
    const current = withCurrent ? this.currentItem(s) : null;
    if (current) items.push({ ...current, backend });
    this.queue.clearDone();
    this.queue.add(items);
  }

  /** Opens the comparison of what the last queue ran. */
  compareLastRan(): Promise<void> {
    return this.openCompare(this.snap.lastRan.slice(-MAX_COMPARE));
  }

  private onQueueDrained(ran: { runId: string | null; status: string }[], cancelled: boolean): void {
    const ids = ran.filter((i) => i.runId && (i.status === 'finished' || i.status === 'stopped')).map((i) => i.runId!);
    this.set({ lastRan: ids });
    this.scheduleRefresh();
    if (cancelled) return;
    if (ids.length >= 2) {
      this.set({ selected: ids.slice(-MAX_COMPARE) });
      void this.openCompare(ids.slice(-MAX_COMPARE));
    } else if (ran.some((i) => i.status === 'failed')) {
      this.host.notify(`The queue finished, but ${ran.filter((i) => i.status === 'failed').length} of its runs failed (see Runs).`, 'error');
    }
  }

  /** Writes every run in flight now (the page is being hidden or closed). */
  flushAll(): void {
    this.recording.flushAll();
  }
}
