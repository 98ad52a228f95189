// Page object for the run history: the Runs drawer, the queue dialog and card,
// and the compare view, as the steps a user takes.
import { expect, type Locator, type Page } from '@playwright/test';

export interface ComparisonOptions {
  steps: number;
  batchSize?: number;
  seed?: number;
  evalEvery?: number;
  /** Untick "Evaluate at the end" (the probe is slow on SwiftShader WebGPU). */
  noEvalAtEnd?: boolean;
  backend?: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
}

export class RunsPage {
  readonly button: Locator;
  readonly panel: Locator;
  readonly rows: Locator;
  readonly dialog: Locator;
  readonly queue: Locator;
  readonly queueItems: Locator;
  readonly compareView: Locator;
  readonly compareTable: Locator;
  readonly compareRows: Locator;
  readonly latentPlots: Locator;
  readonly scrubber: Locator;
  readonly diff: Locator;
  readonly importInput: Locator;
  readonly importError: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('runs-button');
    this.panel = page.getByTestId('runs-panel');
    this.rows = this.panel.getByTestId('run-row');
    this.dialog = page.getByTestId('queue-dialog');
    this.queue = page.getByTestId('run-queue');
    this.queueItems = this.queue.locator('li');
    this.compareView = page.getByTestId('compare-view');
    this.compareTable = page.getByTestId('compare-table');
    this.compareRows = this.compareTable.locator('tbody tr');
    this.latentPlots = this.compareView.getByTestId('compare-latent');
    this.scrubber = page.getByTestId('compare-scrubber');
    this.diff = page.getByTestId('compare-diff');
    this.importInput = page.getByTestId('runs-import-input');
    this.importError = page.getByTestId('runs-import-error');
  }

  async open() {
    if (!(await this.panel.isVisible())) await this.button.click();
    await expect(this.panel).toBeVisible();
    await expect(this.panel).not.toContainText('loading…');
  }

  async close() {
    await this.panel.getByRole('button', { name: 'Close runs' }).click();
    await expect(this.panel).toBeHidden();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }

  /** Opens the dialog from the Runs drawer, fills it in and queues the three presets. */
  async queueComparison(o: ComparisonOptions) {
    await this.open();
    await this.panel.getByRole('button', { name: 'Compare SimCLR · BYOL · VICReg' }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('Steps', { exact: true }).fill(String(o.steps));
    if (o.batchSize !== undefined) await this.dialog.getByLabel('Batch size', { exact: true }).fill(String(o.batchSize));
    if (o.seed !== undefined) await this.dialog.getByLabel('Seed', { exact: true }).fill(String(o.seed));
    if (o.evalEvery !== undefined) await this.dialog.getByLabel('Evaluate every', { exact: true }).fill(String(o.evalEvery));
    if (o.noEvalAtEnd) await this.dialog.getByRole('checkbox', { name: /Evaluate at the end/ }).uncheck();
    if (o.backend) await this.dialog.getByLabel('Backend', { exact: true }).selectOption(o.backend);
    await this.dialog.getByRole('button', { name: /^Queue \d runs$/ }).click();
    await expect(this.dialog).toBeHidden();
  }

  async closeCompare() {
    await this.compareView.getByRole('button', { name: 'Close the comparison' }).click();
    await expect(this.compareView).toBeHidden();
  }

  /** Table cell of one run (by its row index) and column heading. */
  cell(row: number, column: string): Locator {
    return this.compareRows.nth(row).locator(`td[data-col="${column}"]`);
  }

  /** Puts a record straight into the runs database, as a tab from an older build (or one that closed mid-run) left it. */
  async putRawRecord(record: { id: string }) {
    await this.page.evaluate(
      (rec) =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('latent-studio-runs');
          r.onerror = () => reject(r.error);
          r.onsuccess = () => {
            const tx = r.result.transaction('runs', 'readwrite');
            tx.objectStore('runs').put(rec, rec.id);
            tx.oncomplete = () => {
              r.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      record,
    );
  }
}
