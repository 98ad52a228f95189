// Numbers for people, one way everywhere: the training views, the Runs drawer,
// the compare view and its PNG all print a value, a percentage or a duration
// through these, so the same figure reads the same wherever it appears.

/** What a missing or unmeasured value shows. */
export const MISSING = '—';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number';

/** 4 significant digits, exponent form when very small or large (loss values, statistics). */
export function formatValue(v: number | null | undefined): string {
  if (!isNum(v)) return MISSING;
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return v.toPrecision(4);
}

/** A fraction as a percentage: 0.912 -> "91.2%". */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  return isNum(v) && Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : MISSING;
}

/** A figure with a fixed number of decimals, none from 100 up (ranks, collapse figures). */
export function formatNum(v: number | null | undefined, digits = 2): string {
  if (!isNum(v) || !Number.isFinite(v)) return MISSING;
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(digits);
}

/** Milliseconds as "4.2 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (!isNum(ms) || !Number.isFinite(ms)) return MISSING;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : s.toFixed(0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
