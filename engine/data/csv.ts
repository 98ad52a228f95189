// CSV of vectors with an optional label column, for the vector graphs (PCA, K-means,
// GMM, energy views). Tensor-free, DOM-free.
import { compactClasses, MAX_CLASSES, type ImportedSet } from './imported';
import { DataFileError } from './npy';

// in order of preference: 'y' is a label only when no column has a clearer name (it may be a coordinate)
const LABEL_NAMES = ['label', 'labels', 'class', 'target', 'category', 'y'];

function delimiterOf(line: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/**
 * Parses `text` (the contents of `file`). The label column is the one whose header is
 * label / class / target / category (or y), else a column holding non-numbers; every other column is
 * a feature. Rows with the wrong number of fields or a non-numeric feature are skipped
 * and counted in the notes.
 */
export function parseCsv(text: string, file: string): ImportedSet {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (!lines.length) throw new DataFileError(`${file} is empty`);
  const delim = delimiterOf(lines[0]);
  const split = (l: string) => l.split(delim).map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
  const first = split(lines[0]);
  // a header has fewer numbers than the row under it (a lone line of names is a header too)
  const hasHeader = first.some((c) => !isNumber(c)) && (lines.length === 1 ? !first.some(isNumber) : split(lines[1]).filter(isNumber).length > first.filter(isNumber).length);
  const rows = (hasHeader ? lines.slice(1) : lines).map(split);
  const width = first.length;
  if (!rows.length) throw new DataFileError(`${file} has a header but no rows`);
  const lower = first.map((c) => c.toLowerCase());
  let labelCol = hasHeader ? (LABEL_NAMES.map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1) : -1;
  if (labelCol < 0) {
    // a column that is mostly not numbers holds class names
    for (let c = width - 1; c >= 0 && labelCol < 0; c--) if (rows.filter((r) => r.length === width && !isNumber(r[c])).length > rows.length / 2) labelCol = c;
  }
  const features = width - (labelCol >= 0 ? 1 : 0);
  if (features < 1) throw new DataFileError(`${file} has no feature columns`);
  const values: number[] = [];
  const names: string[] = [];
  let skipped = 0;
  for (const r of rows) {
    if (r.length !== width) {
      skipped++;
      continue;
    }
    const feats = r.filter((_, c) => c !== labelCol);
    if (!feats.every(isNumber) || (labelCol >= 0 && r[labelCol] === '')) {
      skipped++;
      continue;
    }
    for (const f of feats) values.push(Number(f));
    if (labelCol >= 0) names.push(r[labelCol]);
  }
  const count = values.length / features;
  if (!count) throw new DataFileError(`${file} has no rows of ${features} numbers (${skipped} rows skipped)`);
  const notes: string[] = [];
  if (skipped) notes.push(`${file}: ${skipped} row${skipped === 1 ? '' : 's'} with a wrong field count or a non-number skipped`);
  let classNames: string[] | null = null;
  let labels: Uint8Array | null = null;
  if (labelCol >= 0) {
    // numeric labels sort numerically, names alphabetically
    classNames = [...new Set(names)].sort((a, b) => (isNumber(a) && isNumber(b) ? Number(a) - Number(b) : a.localeCompare(b)));
    if (classNames.length > MAX_CLASSES) throw new DataFileError(`${file}: the label column "${hasHeader ? first[labelCol] : labelCol + 1}" has ${classNames.length} distinct values; at most ${MAX_CLASSES} classes are supported`);
    const index = new Map(classNames.map((n, i) => [n, i]));
    labels = Uint8Array.from(names, (n) => index.get(n)!);
    classNames = compactClasses([labels], classNames, file, notes);
  }
  return { kind: 'vector', sampleShape: [features], classNames, train: { count, data: Float32Array.from(values), labels }, test: null, notes };
}
