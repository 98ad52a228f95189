// Class results: the Runs list ranked by what a workshop compares. Best first;
// runs without the measure (no evaluation yet, no logged loss) go last, newest
// first among themselves, so an instructor's 30 imported runs read as a table.
import type { RunSummary } from './summary';

export const RANKINGS = ['recent', 'probe', 'knn', 'loss'] as const;
export type Ranking = (typeof RANKINGS)[number];

export const RANKING_TITLE: Record<Ranking, string> = {
  recent: 'Newest first',
  probe: 'Linear probe (best first)',
  knn: 'kNN accuracy (best first)',
  loss: 'Final loss (lowest first)',
};

function measure(r: RunSummary, by: Ranking): number | null {
  if (by === 'probe') return r.probe;
  if (by === 'knn') return r.knn;
  if (by === 'loss') return r.finalLoss === null ? null : -r.finalLoss;
  return r.startedAt;
}

export function rankRuns(runs: readonly RunSummary[], by: Ranking): RunSummary[] {
  return [...runs].sort((a, b) => {
    const x = measure(a, by);
    const y = measure(b, by);
    if (x !== null && y !== null && x !== y) return y - x;
    if ((x === null) !== (y === null)) return x === null ? 1 : -1;
    return b.startedAt - a.startedAt;
  });
}
