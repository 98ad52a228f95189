'use client';
// Per-run figures (latent plots, collapse bars) shown a page at a time, so a
// comparison of a class's 30 runs stays readable; curves are not paged.
import { useState, type ReactNode } from 'react';

export const FIGURES_PER_PAGE = 4;

export function usePage(count: number) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(count / FIGURES_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const start = current * FIGURES_PER_PAGE;
  return { page: current, pages, setPage, start, end: Math.min(count, start + FIGURES_PER_PAGE) };
}

export function Pager({ what, p, count }: { what: string; p: ReturnType<typeof usePage>; count: number }): ReactNode {
  if (p.pages <= 1) return null;
  return (
    <div className="cmp-pager" role="group" aria-label={`${what} pages`}>
      <button type="button" className="btn btn--small" onClick={() => p.setPage(p.page - 1)} disabled={p.page === 0} aria-label={`Previous ${what}`}>
        ‹
      </button>
      <span data-testid="pager-range">
        runs {p.start + 1}–{p.end} of {count}
      </span>
      <button type="button" className="btn btn--small" onClick={() => p.setPage(p.page + 1)} disabled={p.page >= p.pages - 1} aria-label={`Next ${what}`}>
        ›
      </button>
    </div>
  );
}

/** The pager and one page of per-run figures in a row; `figure` draws run `i` of `records`. */
export function PagedFigures<T>({ what, records, figure }: { what: string; records: readonly T[]; figure(r: T, i: number): ReactNode }): ReactNode {
  const p = usePage(records.length);
  return (
    <>
      <Pager what={what} p={p} count={records.length} />
      <div className="cmp-plots" style={{ gridTemplateColumns: `repeat(${p.end - p.start}, minmax(0, 1fr))` }}>
        {records.slice(p.start, p.end).map((r, k) => figure(r, p.start + k))}
      </div>
    </>
  );
}
