'use client';
// The results table: each run's last evaluation, progress, speed and backend;
// the best value of a column in bold.
import { bestIndex } from '../../lib/runs/compare';
import type { RunRecord } from '../../lib/runs/record';
import { COLUMNS } from './compare-columns';
import { RunSwatch } from './RunSwatch';
import { StatusBadge } from './StatusBadge';

export function CompareResults({ records, labels, colors }: { records: RunRecord[]; labels: string[]; colors: string[] }) {
  const best = COLUMNS.map((c) => (c.better ? bestIndex(records.map((r) => c.value(r)), c.better === 'high') : -1));
  return (
    <section className="cmp-card" aria-labelledby="cmp-results">
      <div className="cmp-card__head">
        <h3 id="cmp-results">Results</h3>
        <span className="cmp-card__note">last evaluation on the 2,000 held-out digits; best in bold</span>
      </div>
      <div className="cmp-table-wrap">
        <table className="cmp-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              {COLUMNS.map((c) => (
                <th key={c.head} scope="col" className="num" title={c.title}>
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((r, i) => (
              <tr key={r.id} data-run-id={r.id}>
                <th scope="row">
                  <RunSwatch color={colors[i]} />
                  {labels[i]}
                </th>
                <td>
                  <StatusBadge status={r.status} title={r.error ?? undefined} />
                </td>
                {COLUMNS.map((c, ci) => {
                  const v = c.value(r);
                  return (
                    <td key={c.head} className={`num${best[ci] === i ? ' is-best' : ''}`} data-col={c.head} data-value={v ?? ''}>
                      {c.format(v, r)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
