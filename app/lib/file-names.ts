// File names for downloads: a slug of what is saved and a sortable time stamp.

/** A name as a file name: lower case, dashes, at most `maxLength` characters; `fallback` when nothing is left. */
export function fileSlug(name: string, fallback: string, maxLength = 60): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, maxLength) || fallback
  );
}

/** "2026-11-04-1532": sortable, and safe in a file name. */
export function stamp(t = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}-${p(t.getHours())}${p(t.getMinutes())}`;
}
