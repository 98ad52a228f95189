// Recent graphs: every graph the studio replaced (by a share link, a preset, an
// import, a dropped figure) is kept here, newest first, so opening someone's
// link never costs the visitor their own work. Stored beside the autosave and
// read back through parseGraph like any other stored graph.
import { parseGraph, type Graph } from '../../../engine/graph';
import { db } from '../persist';

const RECENT_KEY = 'recent';
export const MAX_RECENT = 8;

export interface RecentGraph {
  name: string;
  savedAt: number;
  graph: Graph;
}

/** Newest first; an identical graph moves to the front instead of being listed twice. Pure, for tests. */
export function withRecent(list: readonly RecentGraph[], graph: Graph, now: number): RecentGraph[] {
  if (graph.nodes.length === 0 && graph.meta.annotations.notes.length === 0) return [...list];
  const key = JSON.stringify(graph);
  const rest = list.filter((r) => JSON.stringify(r.graph) !== key);
  return [{ name: graph.meta.name, savedAt: now, graph }, ...rest].slice(0, MAX_RECENT);
}

/** Stored entries that no longer parse are dropped; the list is a convenience, not the user's only copy. */
export function readRecent(raw: unknown): RecentGraph[] {
  if (!Array.isArray(raw)) return [];
  const out: RecentGraph[] = [];
  for (const r of raw) {
    if (typeof r !== 'object' || r === null) continue;
    const { name, savedAt, graph } = r as Record<string, unknown>;
    const g = parseGraph(graph);
    if (g.ok && typeof savedAt === 'number') out.push({ name: typeof name === 'string' ? name : g.graph.meta.name, savedAt, graph: g.graph });
  }
  return out.slice(0, MAX_RECENT);
}

export async function loadRecent(): Promise<RecentGraph[]> {
  try {
    return readRecent(await (await db()).get('graphs', RECENT_KEY));
  } catch {
    return [];
  }
}

export async function rememberGraph(graph: Graph): Promise<RecentGraph[]> {
  const next = withRecent(await loadRecent(), graph, Date.now());
  try {
    await (await db()).put('graphs', next, RECENT_KEY);
  } catch {
    // storage blocked: the toast's Undo still holds the previous graph for this visit
  }
  return next;
}
