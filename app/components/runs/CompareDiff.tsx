'use client';
// What differs between the compared graphs: nodes, parameters (defaults filled
// in), edges and training settings, one column per run.
import { Fragment } from 'react';
import { SECTION_TITLE, type DiffRow, type DiffSection } from '../../lib/runs/graph-diff';
import { RunSwatch } from './RunSwatch';

const ORDER: DiffSection[] = ['node', 'param', 'edge', 'train'];

export function CompareDiff({ diff, labels, colors }: { diff: DiffRow[]; labels: string[]; colors: string[] }) {
  const sections = ORDER.map((s) => ({ s, rows: diff.filter((d) => d.section === s) })).filter((g) => g.rows.length);
  return (
    <section className="cmp-card" aria-labelledby="cmp-diff" data-testid="compare-diff">
      <div className="cmp-card__head">
        <h3 id="cmp-diff">What differs between the graphs</h3>
        <span className="cmp-card__note">nodes matched by id; parameters with their defaults filled in</span>
      </div>
      {diff.length === 0 ? (
        <p className="cmp-empty">The graphs, their parameters and training settings are identical.</p>
      ) : (
        <div className="cmp-table-wrap">
          <table className="cmp-table cmp-diff">
            <thead>
              <tr>
                <th scope="col" />
                {labels.map((l, i) => (
                  <th key={i} scope="col">
                    <RunSwatch color={colors[i]} />
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sections.map(({ s, rows }) => (
                <Fragment key={s}>
                  <tr className="cmp-diff__section">
                    <th colSpan={labels.length + 1} scope="rowgroup">
                      {SECTION_TITLE[s]}
                    </th>
                  </tr>
                  {rows.map((d) => (
                    <tr key={d.key} data-diff-key={d.key}>
                      <th scope="row">{d.label}</th>
                      {d.values.map((v, i) => (
                        <td key={i} className={v === null ? 'is-absent' : ''}>
                          {v ?? '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
