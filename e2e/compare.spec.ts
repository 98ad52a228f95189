// Run history and comparison: queue SimCLR, BYOL and VICReg with a tiny budget,
// land in the compare view, find the runs again after a reload, delete one and
// undo; then the ways a runs file or a stored record can be wrong or old.
// The presets are MLPs, so the queue trains them on wasm: SwiftShader WebGPU
// takes ~50 s for three SimCLR steps (measured here), wasm ~2 s plus ~4 s for
// the final evaluation with the linear probe.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { RunsPage } from './pages/runs';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

const PRESETS = ['SimCLR', 'BYOL', 'VICReg'];

test('compare SimCLR, BYOL and VICReg: queue, compare view, reload, delete and undo', async ({ page }) => {
  test.setTimeout(150_000);
  const studio = new StudioPage(page);
  const runs = new RunsPage(page);
  await studio.goto();

  await runs.open();
  await expect(runs.panel).toContainText('No runs yet');
  await runs.queueComparison({ steps: 3, batchSize: 8, backend: 'wasm' });

  // The queue shows the three runs and works through them one after another.
  await expect(runs.queue).toBeVisible();
  await expect(runs.queueItems).toHaveCount(3);
  await expect(runs.queueItems.first()).toContainText('SimCLR');

  // When the last one ends, the compare view opens on the three.
  await expect(runs.compareView).toBeVisible({ timeout: 120_000 });
  await expect(runs.queue).toHaveAttribute('data-running', 'false');
  await expect(runs.compareRows).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    const row = runs.compareRows.nth(i);
    await expect(row.locator('th')).toContainText(PRESETS[i]);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'finished');
    // evaluated at the end: kNN and the linear probe are accuracies
    for (const col of ['kNN', 'Linear probe']) {
      const v = Number(await runs.cell(i, col).getAttribute('data-value'));
      expect(v, `${PRESETS[i]} ${col}`).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    await expect(runs.cell(i, 'Backend')).toHaveText('wasm');
    await expect(runs.cell(i, 'Steps')).toHaveText('3 / 3');
  }

  // Three latent plots driven by one scrubber: at step 0 each shows its untrained snapshot.
  await expect(runs.latentPlots).toHaveCount(3);
  for (const plot of await runs.latentPlots.all()) await expect(plot.locator('canvas')).toHaveAttribute('data-step', '3');
  await runs.scrubber.fill('0');
  for (const plot of await runs.latentPlots.all()) {
    await expect(plot.locator('canvas')).toHaveAttribute('data-step', '0');
    expect(Number(await plot.locator('canvas').getAttribute('data-points'))).toBeGreaterThan(100);
  }
  await expect(runs.compareView.getByTestId('compare-collapse')).toHaveCount(3);
  await expect(runs.compareView.getByTestId('compare-loss')).toHaveAttribute('data-lines', '3');

  // The graphs differ in their loss and BYOL's predictor and momentum encoder, not in the backbone.
  await expect(runs.diff.locator('[data-diff-key="predictor"]')).toBeVisible();
  await expect(runs.diff.locator('[data-diff-key="momentum"]')).toBeVisible();
  await expect(runs.diff.locator('[data-diff-key="encoder"]')).toHaveCount(0);

  // One PNG of the whole view.
  const [png] = await Promise.all([page.waitForEvent('download'), runs.compareView.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/^latent-studio-compare-.*\.png$/);
  const bytes = await readFile(await png.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(20_000);
  await runs.closeCompare();

  // The runs are recorded: after a reload they are still listed, finished.
  await page.reload();
  await expect(studio.canvas).toBeVisible();
  await runs.open();
  await expect(runs.rows).toHaveCount(3);
  for (const name of PRESETS) await expect(runs.row(name)).toHaveAttribute('data-status', 'finished');
  await expect(runs.row('BYOL')).toContainText('3/3 steps');
  await expect(runs.row('BYOL')).toContainText(/kNN \d+\.\d%/);

  // Delete one, then Undo brings it back.
  await runs.row('BYOL').getByRole('button', { name: 'Delete BYOL' }).click();
  await expect(runs.rows).toHaveCount(2);
  await expect(studio.toast).toContainText('Deleted “BYOL”');
  await studio.toast.getByRole('button', { name: 'Undo' }).click();
  await expect(runs.rows).toHaveCount(3);
  await expect(runs.row('BYOL')).toHaveAttribute('data-status', 'finished');

  // Tick two and compare them from the list.
  await runs.row('SimCLR').getByRole('checkbox').check();
  await runs.row('VICReg').getByRole('checkbox').check();
  await runs.panel.getByRole('button', { name: 'Compare 2' }).click();
  await expect(runs.compareRows).toHaveCount(2);
  await runs.closeCompare();

  // Export the two as a file and import it back: nothing added twice (idempotent by run id).
  const [file] = await Promise.all([page.waitForEvent('download'), runs.panel.getByRole('button', { name: 'Export selected' }).click()]);
  const text = await readFile(await file.path(), 'utf8');
  const exported = JSON.parse(text);
  expect(exported.kind).toBe('latent-studio/runs');
  expect(exported.runs.map((r: { name: string }) => r.name).sort()).toEqual(['SimCLR', 'VICReg']);
  expect(exported.runs[0].metrics.step.at(-1)).toBe(3);
  await runs.importInput.setInputFiles({ name: 'two-runs.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(studio.toast).toContainText('Imported 0 runs from two-runs.json (2 runs already stored, not added again)');
  await expect(runs.rows).toHaveCount(3);
  // A changed copy under a stored id is offered, not added: Keep both adds it under a fresh id.
  const edited = JSON.parse(text);
  edited.runs[0].name = `${edited.runs[0].name} (edited)`;
  await runs.importInput.setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
  await expect(studio.toast).toContainText('1 run has the id of a stored run but different content');
  await studio.toast.getByRole('button', { name: 'Keep both' }).click();
  await expect(studio.toast).toContainText('Kept both: added 1 run as copies');
  await expect(runs.rows).toHaveCount(4);
});

test('runs files: a malformed one is refused with the reason, an old (v1) export is migrated on import, a cut-off run is interrupted', async ({ page }) => {
  const studio = new StudioPage(page);
  const runs = new RunsPage(page);
  await studio.goto();
  await runs.open();

  await runs.importInput.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": "latent-studio/runs", "runs": [{"version": 2, "name": "half"}]') });
  await expect(runs.importError).toContainText('Some of notes.json could not be imported');
  await expect(runs.importError).toContainText('not valid JSON');
  await runs.importInput.setInputFiles({ name: 'graph.json', mimeType: 'application/json', buffer: await readFile('engine/presets/ae.json') });
  await expect(runs.importError).toContainText('this is a graph file, not a runs file');
  await expect(runs.rows).toHaveCount(0);

  // A file written by the first version of the app: metrics as rows, status "done".
  const v1 = JSON.parse(await readFile('app/lib/runs/fixtures/run-v1.json', 'utf8'));
  await runs.importInput.setInputFiles({ name: 'old-run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v1)) });
  await expect(studio.toast).toContainText('Imported 1 run from old-run.json');
  await expect(runs.row('Autoencoder, first try')).toHaveAttribute('data-status', 'finished');
  await expect(runs.row('Autoencoder, first try')).toContainText('probe 61.1%');

  // Rename in place and tag.
  await runs.row('Autoencoder, first try').getByRole('button', { name: 'Autoencoder, first try', exact: true }).click();
  const name = runs.panel.getByLabel('Run name');
  await name.fill('AE baseline');
  await name.press('Enter');
  await expect(runs.row('AE baseline')).toBeVisible();
  await runs.row('AE baseline').getByRole('button', { name: 'Add a tag to AE baseline' }).click();
  await runs.panel.getByLabel('New tag').fill('baseline');
  await runs.panel.getByLabel('New tag').press('Enter');
  await expect(runs.row('AE baseline').locator('.runs-tag')).toHaveText(['baseline×']);

  // A tab that closed mid-run left its record "running": the next load calls it interrupted, metrics kept.
  await runs.putRawRecord({ ...v1, id: 'cut-off', name: 'Cut off', status: 'running', finishedAt: null, summary: undefined });
  await page.reload();
  await runs.open();
  await expect(runs.row('Cut off')).toHaveAttribute('data-status', 'interrupted');
  await expect(runs.row('Cut off')).toContainText('20/20 steps');
  await expect(runs.row('AE baseline').locator('.runs-tag')).toHaveText(['baseline×']);
});

test('the three-preset comparison also trains on WebGPU: three rows, three latent plots', async ({ page }) => {
  // SwiftShader WebGPU is slow: two steps of batch 8 per preset and no end-of-run probe.
  test.setTimeout(420_000);
  const studio = new StudioPage(page);
  const runs = new RunsPage(page);
  await studio.goto();
  await runs.queueComparison({ steps: 2, batchSize: 8, backend: 'webgpu', noEvalAtEnd: true });
  await expect(runs.compareView).toBeVisible({ timeout: 400_000 });
  await expect(runs.compareRows).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(runs.compareRows.nth(i).locator('th')).toContainText(PRESETS[i]);
    await expect(runs.compareRows.nth(i).locator('[data-status]')).toHaveAttribute('data-status', 'finished');
    await expect(runs.cell(i, 'Backend')).toHaveText('webgpu');
    await expect(runs.cell(i, 'Steps')).toHaveText('2 / 2');
  }
  await expect(runs.latentPlots).toHaveCount(3);
  for (const plot of await runs.latentPlots.all()) {
    await expect(plot.locator('canvas')).toHaveAttribute('data-step', '2');
    expect(Number(await plot.locator('canvas').getAttribute('data-points'))).toBeGreaterThan(100);
  }
});
