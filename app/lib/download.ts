// Saves a blob as a file through a temporary link (the File System Access API is
// not everywhere, and a download is what people expect from "Export").
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
