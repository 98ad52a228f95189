// Which runs are still training in some tab. Each live run holds a Web Lock
// named after it; the browser releases a tab's locks when the tab closes or
// crashes, so on the next load a record still "running" whose lock nobody holds
// was cut off, while one another open tab is still training is left alone.
const PREFIX = 'latent-studio-run:';

function locks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** Holds the run's lock until the returned function is called. */
export function holdRunLock(id: string): () => void {
  const l = locks();
  if (!l) return () => undefined;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  l.request(PREFIX + id, () => held).catch(() => undefined);
  return () => release();
}

/** Ids of runs whose lock some tab holds; null when the browser has no Web Locks (then no run counts as live). */
export async function liveRunIds(): Promise<Set<string> | null> {
  const l = locks();
  if (!l) return null;
  try {
    const s = await l.query();
    return new Set((s.held ?? []).map((h) => h.name ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)));
  } catch {
    return null;
  }
}
