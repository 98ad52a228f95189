// The run history over any RunDB: list, load (migrating), rename, tag, delete
// and restore, import, and turning runs a closed tab left "running" into
// "interrupted". No React, no DOM: the tests drive it over the in-memory store.
import type { RunDB } from './db';
import { parseRunRecord, type RunRecord } from './record';
import { RunSummarySchema, summarize, type RunSummary } from './summary';

export interface Unreadable {
  id: string;
  errors: string[];
}

export interface Listing {
  /** Newest first. */
  runs: RunSummary[];
  /** Stored records that fail validation even after migration: kept, never overwritten. */
  unreadable: Unreadable[];
}

export function newRunId(now = Date.now(), rand: () => number = Math.random): string {
  return `run-${now.toString(36)}-${Math.floor(rand() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

export function normalizeTag(t: string): string {
  return t.trim().replace(/\s+/g, ' ').slice(0, 40);
}

export class RunHistory {
  constructor(
    readonly db: RunDB,
    private now: () => number = Date.now,
  ) {}

  async list(): Promise<Listing> {
    const [rawSummaries, ids] = await Promise.all([this.db.summaries(), this.db.ids()]);
    const byId = new Map<string, RunSummary>();
    for (const raw of rawSummaries) {
      const p = RunSummarySchema.safeParse(raw);
      if (p.success) byId.set(p.data.id, p.data);
    }
    const unreadable: Unreadable[] = [];
    // A record without a valid summary (written by an older version, or a summary that
    // failed to parse) is read in full once and its summary rebuilt.
    for (const id of ids) {
      if (byId.has(id)) continue;
      const r = await this.load(id);
      if (r.ok) byId.set(id, summarize(r.record));
      else unreadable.push({ id, errors: r.errors });
    }
    const idSet = new Set(ids);
    const runs = [...byId.values()].filter((s) => idSet.has(s.id)).sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
    return { runs, unreadable };
  }

  /** Reads one record; an older version is migrated and written back in the current form. */
  async load(id: string): Promise<{ ok: true; record: RunRecord } | { ok: false; errors: string[] }> {
    const raw = await this.db.get(id);
    if (raw === undefined) return { ok: false, errors: ['this run is no longer stored'] };
    const p = parseRunRecord(raw);
    if (!p.ok) return p;
    if (p.migrated || p.record.id !== id) {
      const record = { ...p.record, id };
      try {
        await this.db.put(record);
      } catch {
        // Writing the upgraded copy back is an optimisation; the migrated record is still returned.
      }
      return { ok: true, record };
    }
    return { ok: true, record: p.record };
  }

  async save(record: RunRecord): Promise<void> {
    await this.db.put(record);
  }

  private async edit(id: string, change: (r: RunRecord) => RunRecord): Promise<RunSummary> {
    const r = await this.load(id);
    if (!r.ok) throw new Error(r.errors.join('; '));
    const next = change(r.record);
    await this.db.put(next);
    return summarize(next);
  }

  rename(id: string, name: string): Promise<RunSummary> {
    const n = name.trim().slice(0, 200);
    return this.edit(id, (r) => ({ ...r, name: n || r.graphName || 'Untitled run' }));
  }

  setTags(id: string, tags: string[]): Promise<RunSummary> {
    const clean = [...new Set(tags.map(normalizeTag).filter(Boolean))].slice(0, 20);
    return this.edit(id, (r) => ({ ...r, tags: clean }));
  }

  /** Deletes a run and returns it, so the caller can offer Undo. */
  async remove(id: string): Promise<RunRecord | null> {
    const r = await this.load(id);
    await this.db.delete(id);
    return r.ok ? r.record : null;
  }

  async restore(record: RunRecord): Promise<void> {
    await this.db.put(record);
  }

  /** Deletes a stored record that cannot be read (the user chose to let it go). */
  async discard(id: string): Promise<void> {
    await this.db.delete(id);
  }

  /**
   * A record still "running" whose run is not live (no tab holds its lock) was cut off when
   * its tab closed or crashed: it becomes "interrupted", keeping its metrics so far, and ends
   * at its last save.
   */
  async recoverInterrupted(isLive: (id: string) => boolean): Promise<string[]> {
    const { runs } = await this.list();
    const recovered: string[] = [];
    for (const s of runs) {
      if (s.status !== 'running' || isLive(s.id)) continue;
      const r = await this.load(s.id);
      if (!r.ok) continue;
      await this.db.put({ ...r.record, status: 'interrupted', endedAt: r.record.savedAt, error: null });
      recovered.push(s.id);
    }
    return recovered;
  }

  /**
   * Adds imported records, idempotent by run id: a record whose id is stored with the same
   * content is skipped (importing a file twice adds nothing). A record whose id is stored with
   * different content is not written but returned in `conflicts`; importing those again with
   * `keepBoth` gives each a fresh id. A record exported mid-run arrives "interrupted".
   */
  async importRecords(records: readonly RunRecord[], opts: { keepBoth?: boolean } = {}): Promise<ImportResult> {
    const taken = new Set(await this.db.ids());
    const result: ImportResult = { added: [], unchanged: [], conflicts: [] };
    const fingerprints = new Map<string, string>();
    const stored = async (id: string): Promise<string | null> => {
      if (!fingerprints.has(id)) {
        const r = await this.load(id);
        fingerprints.set(id, r.ok ? fingerprint(r.record) : '');
      }
      return fingerprints.get(id) || null;
    };
    let n = 0;
    for (const rec of records) {
      const next: RunRecord = { ...rec, status: rec.status === 'running' ? 'interrupted' : rec.status, endedAt: rec.status === 'running' ? rec.savedAt : rec.endedAt };
      if (taken.has(rec.id)) {
        if (!opts.keepBoth) {
          if ((await stored(rec.id)) === fingerprint(next)) result.unchanged.push(next);
          else result.conflicts.push(rec);
          continue;
        }
        let id = rec.id;
        while (taken.has(id)) id = newRunId(this.now() + n++);
        next.id = id;
      }
      taken.add(next.id);
      fingerprints.set(next.id, fingerprint(next));
      await this.db.put(next);
      result.added.push(next);
    }
    return result;
  }
}

export interface ImportResult {
  /** Written, under their own id or (keepBoth) a fresh one. */
  added: RunRecord[];
  /** Already stored with the same id and content: nothing written. */
  unchanged: RunRecord[];
  /** Same id as a stored run but different content: not written; import again with keepBoth to add copies. */
  conflicts: RunRecord[];
}

/** The record's content, independent of key order. */
function fingerprint(r: RunRecord): string {
  return JSON.stringify(r, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
