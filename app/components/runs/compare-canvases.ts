// The canvases the compare view's PNG export composites, collected by reference:
// each chart and plot reports its canvas when it mounts (and null when it goes),
// so the export never searches the page for them.

export interface CompareCanvases {
  loss: HTMLCanvasElement | null;
  accuracy: HTMLCanvasElement | null;
  rank: HTMLCanvasElement | null;
  /** Per run, in the order of the compared records. */
  latents: (HTMLCanvasElement | null)[];
  collapses: (HTMLCanvasElement | null)[];
}

export function emptyCanvases(): CompareCanvases {
  return { loss: null, accuracy: null, rank: null, latents: [], collapses: [] };
}

type Single = 'loss' | 'accuracy' | 'rank';
type PerRun = 'latents' | 'collapses';

/**
 * Stable ref callbacks into one CompareCanvases: `slot('loss')`, `slot('latents', i)`.
 * The same callback comes back for the same slot, so React does not detach and
 * re-attach it on every render.
 */
export function canvasSlots(target: CompareCanvases) {
  const cache = new Map<string, (c: HTMLCanvasElement | null) => void>();
  function slot(name: Single): (c: HTMLCanvasElement | null) => void;
  function slot(name: PerRun, index: number): (c: HTMLCanvasElement | null) => void;
  function slot(name: Single | PerRun, index = 0) {
    const key = `${name}:${index}`;
    let f = cache.get(key);
    if (!f) {
      f =
        name === 'latents' || name === 'collapses'
          ? (c: HTMLCanvasElement | null) => {
              target[name][index] = c;
            }
          : (c: HTMLCanvasElement | null) => {
              target[name] = c;
            };
      cache.set(key, f);
    }
    return f;
  }
  return slot;
}

export type CanvasSlot = ReturnType<typeof canvasSlots>;
