'use client';
// The run history as a drawer: every recorded run with its status, graph,
// steps, final probe / kNN and date; rename in place, tag, delete (with Undo),
// export and import; tick 2–4 runs and Compare.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { formatNum, formatPercent } from '../../lib/format';
import { MAX_COMPARE } from '../../lib/runs/controller';
import type { Listing } from '../../lib/runs/history';
import { RANKINGS, RANKING_TITLE, rankRuns, type Ranking } from '../../lib/runs/rank';
import { FilePicker } from '../FilePicker';
import { NameField, Tags } from './RunEdits';
import { StatusBadge } from './StatusBadge';
import './RunsPanel.css';

interface RunsPanelProps {
  listing: Listing | null;
  /** Storage could not be read, or runs are kept in memory only. */
  storageNote: string | null;
  importErrors: { file: string; errors: string[] } | null;
  selected: string[];
  /** Live step of runs training in this tab. */
  liveSteps: Record<string, number>;
  onToggle(id: string): void;
  onClearSelection(): void;
  onCompare(ids: string[]): void;
  onRename(id: string, name: string): void;
  onSetTags(id: string, tags: string[]): void;
  onDelete(id: string): void;
  onExport(ids: string[]): void;
  onImport(files: File[]): void;
  ranking: Ranking;
  onRanking(r: Ranking): void;
  onSelectAll(ids: string[]): void;
  onDismissImportErrors(): void;
  onOpenGraph(id: string): void;
  onDiscardUnreadable(id: string): void;
  onQueueComparison(): void;
  onQueueCurrent(): void;
  canQueueCurrent: boolean;
  onClose(): void;
}

function when(t: number): string {
  const d = new Date(t);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay ? `today ${d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function RunsPanel(p: RunsPanelProps) {
  const [filter, setFilter] = useState('');
  const runs = p.listing?.runs;
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = rankRuns(runs ?? [], p.ranking);
    if (!f) return list;
    return list.filter((r) => [r.name, r.graphName, r.status, r.backend ?? '', ...r.tags].some((s) => s.toLowerCase().includes(f)));
  }, [runs, filter, p.ranking]);
  const n = p.selected.length;
  const canCompare = n >= 2 && n <= MAX_COMPARE;
  const ranked = p.ranking !== 'recent';

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') p.onClose();
  };

  return (
    <aside className="runs-drawer" role="dialog" aria-modal="false" aria-labelledby="runs-title" data-testid="runs-panel" onKeyDown={onKey}>
      <header className="runs-drawer__head">
        <h2 id="runs-title">Runs</h2>
        <span className="runs-drawer__count">{runs ? `${runs.length} recorded` : 'loading…'}</span>
        <span className="runs-drawer__spacer" />
        <FilePicker className="btn btn--ghost btn--small" title="Add runs from exported JSON files (choose several at once: a class's results)" inputLabel="Import runs file" testId="runs-import-input" multiple onFile={(f) => p.onImport([f])} onFiles={p.onImport}>
          Import
        </FilePicker>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => p.onExport(runs?.map((r) => r.id) ?? [])} disabled={!runs?.length} title="Export every run to a JSON file">
          Export all
        </button>
        <button type="button" className="toast__close" aria-label="Close runs" onClick={p.onClose}>
          ×
        </button>
      </header>

      <div className="runs-drawer__actions">
        <button type="button" className="btn btn--primary" onClick={p.onQueueComparison}>
          Compare SimCLR · BYOL · VICReg
        </button>
        <button type="button" className="btn" onClick={p.onQueueCurrent} disabled={!p.canQueueCurrent} title={p.canQueueCurrent ? 'Train the graph on the canvas after the runs already queued' : 'Fix the graph’s problems first'}>
          Add current graph to queue
        </button>
      </div>

      {p.storageNote && <p className="runs-note">{p.storageNote}</p>}
      {p.importErrors && (
        <div className="runs-import-error" role="alert" data-testid="runs-import-error">
          <div>
            <strong>Some of {p.importErrors.file} could not be imported.</strong>
            <ul>
              {p.importErrors.errors.slice(0, 8).map((e, i) => (
                <li key={i}>{e}</li>
              ))}
              {p.importErrors.errors.length > 8 && <li>… and {p.importErrors.errors.length - 8} more</li>}
            </ul>
          </div>
          <button type="button" className="toast__close" aria-label="Dismiss" onClick={p.onDismissImportErrors}>
            ×
          </button>
        </div>
      )}

      {(runs?.length ?? 0) > 1 && (
        <div className="runs-rank">
          <label>
            Rank by{' '}
            <select className="input-sm runs-rank__select" aria-label="Rank runs by" value={p.ranking} onChange={(e) => p.onRanking(e.target.value as Ranking)}>
              {RANKINGS.map((k) => (
                <option key={k} value={k}>
                  {RANKING_TITLE[k]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => p.onSelectAll(shown.map((r) => r.id))}>
            Select all{shown.length > MAX_COMPARE ? ` (first ${MAX_COMPARE})` : ''}
          </button>
        </div>
      )}
      {(runs?.length ?? 0) > 4 && (
        <input className="runs-filter" type="search" placeholder="Filter by name, graph, status or tag" aria-label="Filter runs" value={filter} onChange={(e) => setFilter(e.target.value)} />
      )}

      <ul className="runs-list" aria-label="Recorded runs">
        {runs && runs.length === 0 && <li className="runs-empty">No runs yet. Every training run is recorded here: press Train, or queue a comparison of SimCLR, BYOL and VICReg.</li>}
        {shown.map((r, rank) => {
          const checked = p.selected.includes(r.id);
          const live = p.liveSteps[r.id];
          const steps = live ?? r.stepsDone;
          return (
            <li key={r.id} className={`runs-row${checked ? ' is-selected' : ''}`} data-testid="run-row" data-run-id={r.id} data-status={r.status} data-rank={ranked ? rank + 1 : undefined}>
              <input
                type="checkbox"
                className="runs-row__check"
                checked={checked}
                disabled={!checked && n >= MAX_COMPARE}
                onChange={() => p.onToggle(r.id)}
                aria-label={`Select ${r.name} to compare`}
              />
              <div className="runs-row__main">
                <div className="runs-row__top">
                  {ranked && <span className="runs-row__rank">#{rank + 1}</span>}
                  <NameField run={r} onRename={(name) => p.onRename(r.id, name)} />
                  <StatusBadge status={r.status} title={r.error ?? undefined} />
                </div>
                <div className="runs-row__meta">
                  <span title="Graph">{r.graphName}</span>
                  <span className="mono">
                    {steps}/{r.stepBudget} steps
                  </span>
                  {r.probe !== null && <span title="Linear probe, 10 labels per class">probe {formatPercent(r.probe)}</span>}
                  {r.knn !== null && <span title="kNN accuracy on the held-out digits">kNN {formatPercent(r.knn)}</span>}
                  {r.finalLoss !== null && <span title="Last logged value of the run's loss">loss {formatNum(r.finalLoss, 3)}</span>}
                  {r.backend && <span className="mono">{r.backend}</span>}
                  <span title={new Date(r.startedAt).toLocaleString()}>{when(r.startedAt)}</span>
                </div>
                {r.status === 'failed' && r.error && <p className="runs-row__error">{r.error}</p>}
                <Tags run={r} onSetTags={(tags) => p.onSetTags(r.id, tags)} />
              </div>
              <div className="runs-row__actions">
                <button type="button" className="btn btn--small btn--ghost" onClick={() => p.onOpenGraph(r.id)} title="Open this run's graph on the canvas">
                  Open graph
                </button>
                <button type="button" className="btn btn--small btn--ghost" onClick={() => p.onExport([r.id])} aria-label={`Export ${r.name}`}>
                  Export
                </button>
                <button type="button" className="btn btn--small btn--danger" onClick={() => p.onDelete(r.id)} disabled={r.status === 'running' && live !== undefined} aria-label={`Delete ${r.name}`}>
                  Delete
                </button>
              </div>
            </li>
          );
        })}
        {p.listing?.unreadable.map((u) => (
          <li key={u.id} className="runs-row runs-row--broken">
            <div className="runs-row__main">
              <div className="runs-row__top">
                <span className="runs-row__name is-static">{u.id}</span>
                <span className="run-status run-status--failed">unreadable</span>
              </div>
              <p className="runs-row__error">{u.errors.slice(0, 2).join('; ')}</p>
            </div>
            <div className="runs-row__actions">
              <button type="button" className="btn btn--small btn--danger" onClick={() => p.onDiscardUnreadable(u.id)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>

      <footer className="runs-drawer__foot">
        <span className="runs-drawer__sel">{n === 0 ? `Tick 2 or more runs to compare them (up to ${MAX_COMPARE})` : `${n} selected${n > MAX_COMPARE ? ` (at most ${MAX_COMPARE})` : ''}`}</span>
        {n > 0 && (
          <>
            <button type="button" className="btn btn--ghost btn--small" onClick={p.onClearSelection}>
              Clear
            </button>
            <button type="button" className="btn btn--small" onClick={() => p.onExport(p.selected)}>
              Export selected
            </button>
          </>
        )}
        <button type="button" className="btn btn--primary" disabled={!canCompare} onClick={() => p.onCompare(p.selected)} title={canCompare ? 'Open the comparison' : `Select two to ${MAX_COMPARE} runs`}>
          Compare{n >= 2 ? ` ${n}` : ''}
        </button>
      </footer>
    </aside>
  );
}
