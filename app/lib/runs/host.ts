// What the Runs controller needs from outside: the studio (train a graph, stop,
// notify, open a graph) and the browser (IndexedDB, Web Locks, clocks). Tests
// pass their own; the app passes the studio's callbacks and browserEnvironment().
import type { Graph } from '../../../engine/graph';
import type { BackendChoice } from '../../../workers/protocol';
import { memoryRunDB, openRunsDB, type RunDB } from './db';
import { newRunId } from './history';
import { holdRunLock, liveRunIds } from './liveness';

export type Tone = 'info' | 'error' | 'success';

/** What the controller asks of the studio around it. */
export interface RunsHost {
  /** Trains a graph the way Train does (the run panel follows it); resolves when the run ends. */
  runGraph(graph: Graph, backend: BackendChoice): Promise<void>;
  /** Stops the run in progress. */
  stop(): void;
  /** The backend chosen in the run bar (for queued items without their own). */
  backend(): BackendChoice;
  /** The graph on the canvas and whether it can train, for "Add current graph to queue". */
  current(): { graph: Graph; canQueue: boolean };
  notify(message: string, tone?: Tone, action?: { label: string; run(): void }): void;
  openGraph(graph: Graph, runName: string): void;
}

/** The browser's pieces, replaceable in tests. */
export interface RunsEnvironment {
  openDB(): RunDB;
  liveRunIds(): Promise<Set<string> | null>;
  holdRunLock(id: string): () => void;
  newRunId(): string;
  /** Wall clock for records (ms since the epoch). */
  now(): number;
  /** Monotonic clock for throttling progress. */
  clock(): number;
  /** How often a training run's record is written while it trains. */
  saveEveryMs: number;
  progressEveryMs: number;
  /** Listing refreshes after saves are coalesced over this long. */
  refreshDelayMs: number;
}

export const browserEnvironment = (): RunsEnvironment => ({
  openDB: () => (typeof indexedDB === 'undefined' ? memoryRunDB() : openRunsDB()),
  liveRunIds,
  holdRunLock,
  newRunId: () => newRunId(),
  now: Date.now,
  clock: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  saveEveryMs: 2000,
  progressEveryMs: 200,
  refreshDelayMs: 250,
});
