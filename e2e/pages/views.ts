// Page object for the training views docked under the canvas: each view is
// found by its test id and says what it drew through data attributes, so specs
// check that data was drawn, not only that an element exists.
import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'loss' | 'latent' | 'energy' | 'attention' | 'images' | 'collapse' | 'eval';

export class ViewsPage {
  readonly dock: Locator;
  readonly dockToggle: Locator;
  readonly lossChart: Locator;
  readonly auxChart: Locator;
  readonly latentCanvas: Locator;
  readonly latentTip: Locator;
  readonly latentScrubber: Locator;
  readonly energyCanvas: Locator;
  readonly imageGrid: Locator;
  readonly collapseBars: Locator;
  readonly evalFinal: Locator;
  readonly nodeStats: Locator;
  readonly collapseWarning: Locator;

  constructor(readonly page: Page) {
    this.dock = page.getByTestId('dock');
    this.dockToggle = this.dock.getByRole('button', { name: 'Training views' });
    this.lossChart = page.getByTestId('loss-chart');
    this.auxChart = page.getByTestId('aux-chart');
    this.latentCanvas = page.getByTestId('latent-canvas');
    this.latentTip = page.getByTestId('latent-tip');
    this.latentScrubber = page.getByTestId('latent-scrubber');
    this.energyCanvas = page.getByTestId('energy-canvas');
    this.imageGrid = page.getByTestId('image-grid');
    this.collapseBars = page.getByTestId('collapse-bars');
    this.evalFinal = page.getByTestId('eval-final');
    this.nodeStats = page.getByTestId('node-stats');
    this.collapseWarning = page.getByTestId('collapse-warning');
  }

  panel(name: ViewName): Locator {
    return this.page.getByTestId(`${name}-panel`);
  }

  /** Opens the dock with every view shown. */
  async openAll() {
    if ((await this.dockToggle.getAttribute('aria-expanded')) !== 'true') await this.dockToggle.click();
    for (const chip of await this.dock.getByRole('group', { name: 'Views shown' }).getByRole('button').all()) {
      if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
    }
  }

  /** A numeric data attribute (NaN when missing). */
  async num(l: Locator, attr: string): Promise<number> {
    return Number(await l.getAttribute(attr));
  }

  /** Moves the mouse over the latent plot until the cursor is on a point and the preview shows. */
  async hoverLatentPoint(): Promise<void> {
    const box = await this.latentCanvas.boundingBox();
    if (!box) throw new Error('the latent canvas has no box');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // the densest part of a projection is near its middle; spiral out from there
    for (let r = 0; r < Math.min(box.width, box.height) / 2; r += 6) {
      for (let a = 0; a < 8; a++) {
        await this.page.mouse.move(cx + r * Math.cos((a * Math.PI) / 4), cy + r * Math.sin((a * Math.PI) / 4));
        if (await this.latentTip.isVisible()) return;
      }
    }
    throw new Error('no latent point found under the cursor');
  }

  async enlarge(name: ViewName) {
    const title = await this.panel(name).getAttribute('aria-label');
    await this.panel(name).getByRole('button', { name: `Enlarge ${title}` }).click();
    await expect(this.page.getByRole('dialog', { name: title ?? undefined })).toBeVisible();
  }
}

/**
 * Records the page's main-thread long tasks (the PerformanceObserver 'longtask'
 * entries: tasks of 50 ms or more) from the first script on. The observer sees only
 * this page's main thread: work in the training worker or the GPU process is not
 * counted.
 */
export async function recordLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no longtask support: the list stays empty
    }
  });
}

export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

export async function longTasksBetween(page: Page, from: number, to: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    ([a, b]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start + t.duration >= a && t.start <= b),
    [from, to] as const,
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread (CPU) duration in µs: what the task itself cost, without waiting for a core. */
  tdur?: number;
  args?: { name?: string };
}

/**
 * The longest task on the renderer's main thread in a Chromium trace (from
 * browser.startTracing / stopTracing with the 'toplevel' category), by wall time and
 * by the thread's own CPU time. On a shared machine wall time also counts the time the
 * renderer waited for a core, which the page's code does not control: assertions use
 * the CPU time. Unlike the longtask API this also sees the tasks under 50 ms.
 */
export function worstMainThreadTask(trace: Buffer): { worstMs: number; worstCpuMs: number; tasks: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let worst = 0;
  let worstCpu = 0;
  let tasks = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`) || !/RunTask/.test(e.name)) continue;
    tasks++;
    worst = Math.max(worst, (e.dur ?? 0) / 1000);
    worstCpu = Math.max(worstCpu, (e.tdur ?? 0) / 1000);
  }
  return { worstMs: worst, worstCpuMs: worstCpu, tasks };
}
