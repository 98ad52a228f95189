// Page object for the studio: what a user does (drag a node in, wire two
// ports, set a field, press Train), expressed once so the specs read as steps.
import { expect, type Locator, type Page } from '@playwright/test';

export type PortEnd = { node: string; port: string };

export class StudioPage {
  readonly canvas: Locator;
  readonly pane: Locator;
  readonly nodes: Locator;
  readonly edges: Locator;
  readonly trainButton: Locator;
  readonly backendBadge: Locator;
  readonly runState: Locator;
  readonly lossChart: Locator;
  readonly lossLatest: Locator;
  readonly imageGrid: Locator;
  readonly toast: Locator;
  readonly banner: Locator;
  readonly saveState: Locator;
  readonly blocked: Locator;
  readonly runError: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.locator('.react-flow');
    this.pane = page.locator('.react-flow__pane');
    this.nodes = page.locator('.react-flow__node');
    this.edges = page.locator('.react-flow__edge');
    this.trainButton = page.getByRole('button', { name: 'Train', exact: true });
    this.backendBadge = page.getByTestId('backend');
    this.runState = page.getByTestId('run-state');
    this.lossChart = page.getByTestId('loss-chart');
    this.lossLatest = page.getByTestId('loss-latest');
    this.imageGrid = page.getByTestId('image-grid');
    this.toast = page.getByTestId('toast');
    this.banner = page.getByTestId('banner');
    this.saveState = page.getByTestId('save-state');
    this.blocked = page.getByTestId('train-blocked');
    this.runError = page.getByTestId('run-error');
  }

  async goto() {
    await this.page.goto('/');
    // The canvas mounts once the autosave has been read.
    await expect(this.canvas).toBeVisible();
  }

  paletteItem(label: string): Locator {
    return this.page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name: label, exact: true });
  }

  /** The rail's button that opens the palette where a narrow window (up to 1300 px) folds it. */
  get paletteToggle(): Locator {
    return this.page.getByRole('button', { name: 'Nodes', exact: true });
  }

  /** Opens the node palette over the canvas when the window has folded it; a no-op when it is a column. */
  async openPalette() {
    const toggle = this.paletteToggle;
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(this.page.getByRole('navigation', { name: 'Node palette' })).toBeVisible();
  }

  /** Folds the palette opened over the canvas back to its rail (it covers the canvas's left edge). */
  async closePalette() {
    const toggle = this.paletteToggle;
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  edgeLabel(id: string): Locator {
    return this.page.getByTestId(`edge-label-${id}`);
  }

  handle(end: PortEnd, kind: 'source' | 'target'): Locator {
    return this.node(end.node).locator(`.react-flow__handle.${kind}[data-handleid="${end.port}"]`);
  }

  /** HTML5 drag and drop from the palette to a point of the canvas (relative to its top-left). */
  async dragFromPalette(label: string, at: { x: number; y: number }) {
    await this.openPalette();
    await this.paletteItem(label).dragTo(this.canvas, { targetPosition: at });
  }

  /** Drags a wire from an output handle to an input handle with real mouse moves. */
  async connect(from: PortEnd, to: PortEnd) {
    const a = await this.center(this.handle(from, 'source'));
    const b = await this.center(this.handle(to, 'target'));
    const mouse = this.page.mouse;
    await mouse.move(a.x, a.y);
    await mouse.down();
    await mouse.move(a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3, { steps: 5 });
    await mouse.move(b.x, b.y, { steps: 8 });
    await mouse.up();
  }

  /**
   * Clicks the wire between two ports halfway along it. A straight wire's SVG path has an
   * empty bounding box (Playwright calls it invisible), so the click goes by coordinates.
   */
  async clickEdge(from: PortEnd, to: PortEnd) {
    const a = await this.center(this.handle(from, 'source'));
    const b = await this.center(this.handle(to, 'target'));
    await this.page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
  }

  private async center(l: Locator): Promise<{ x: number; y: number }> {
    await expect(l).toBeVisible();
    const box = await l.boundingBox();
    if (!box) throw new Error('element has no box');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  async select(nodeId: string) {
    await this.node(nodeId).locator('.flow-node__header').click();
  }

  /** Clicks empty canvas, so the inspector shows the graph's settings. */
  async clearSelection() {
    await this.pane.click({ position: { x: 12, y: 12 } });
  }

  field(label: string): Locator {
    return this.page.getByRole('region', { name: 'Inspector' }).getByLabel(label, { exact: true });
  }

  async setField(label: string, value: string) {
    const f = this.field(label);
    await f.fill(value);
    await expect(f).toHaveValue(value);
  }

  /** + Note, its text typed and the field closed with Ctrl+Enter; the new note. */
  async addNote(text: string, id = 'note-1'): Promise<Locator> {
    await this.page.getByRole('button', { name: '+ Note' }).click();
    const note = this.page.getByTestId(`note-${id}`);
    await note.getByLabel('Note text').fill(text);
    await note.getByLabel('Note text').press('Control+Enter');
    return note;
  }

  async openPreset(title: string) {
    await this.page.getByRole('button', { name: 'Presets' }).click();
    await this.page.getByRole('menuitem', { name: title, exact: true }).click();
  }

  /**
   * Shrinks a run through the inspector, as a user would: the batch size on the data node
   * (when `dataNode` is given), then the graph's training settings.
   */
  async configureRun(o: { dataNode?: string; batch?: number; steps: number; logEvery?: number; imageEvery?: number; latentEvery?: number; evalEvery?: number; evalAtEnd?: boolean }) {
    if (o.dataNode && o.batch !== undefined) {
      await this.select(o.dataNode);
      await this.setField('Batch size', String(o.batch));
    }
    await this.clearSelection();
    await this.setField('Steps', String(o.steps));
    if (o.logEvery !== undefined) await this.setField('Log every', String(o.logEvery));
    if (o.imageEvery !== undefined) await this.setField('Images every', String(o.imageEvery));
    if (o.latentEvery !== undefined) await this.setField('Latent every', String(o.latentEvery));
    if (o.evalEvery !== undefined) await this.setField('Eval every', String(o.evalEvery));
    if (o.evalAtEnd !== undefined) await this.field('Eval at end').setChecked(o.evalAtEnd);
  }

  async chooseBackend(backend: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu') {
    await this.page.getByRole('combobox', { name: 'Backend' }).selectOption(backend);
  }

  /** Presses Train and waits for the run to end; returns its final state text. */
  async trainToEnd(timeout = 180_000): Promise<string> {
    await expect(this.trainButton).toBeEnabled();
    await this.trainButton.click();
    await expect(this.runState).toHaveText(/Done|Failed|Stopped/, { timeout });
    return (await this.runState.textContent()) ?? '';
  }

  async waitSaved() {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved');
  }

  /** First and last logged value of every loss term, read from the latest-values table. */
  async lossValues(): Promise<{ key: string; first: number; last: number }[]> {
    return this.lossLatest.locator('tr').evaluateAll((rows) =>
      rows.map((r) => ({ key: r.getAttribute('data-key') ?? '', first: Number(r.getAttribute('data-first')), last: Number(r.getAttribute('data-last')) })),
    );
  }

  /**
   * Writes a record into the studio's IndexedDB store directly, as another tab or an older
   * version of the app would. Call after the app has opened (and so created) the database.
   */
  async putRecord(key: string, value: unknown) {
    await this.page.evaluate(
      ([k, v]) =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('latent-studio');
          r.onerror = () => reject(r.error);
          r.onsuccess = () => {
            const tx = r.result.transaction('graphs', 'readwrite');
            tx.objectStore('graphs').put(v, k as string);
            tx.oncomplete = () => {
              r.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      [key, value] as const,
    );
  }

  async getRecord(key: string): Promise<unknown> {
    return this.page.evaluate(
      (k) =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open('latent-studio');
          r.onerror = () => reject(r.error);
          r.onsuccess = () => {
            const q = r.result.transaction('graphs').objectStore('graphs').get(k);
            q.onsuccess = () => {
              r.result.close();
              resolve(q.result);
            };
            q.onerror = () => reject(q.error);
          };
        }),
      key,
    );
  }
}
