// Figures that carry their graph, and a class's results: a view's PNG holds the
// graph that trained (dropping it on the canvas opens that graph), and 30
// students' runs files import at once, rank, and compare with paged latents.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { RunsPage } from './pages/runs';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

async function dropFiles(page: Page, files: { name: string; type: string; bytes: Buffer }[]) {
  const dt = await page.evaluateHandle((list) => {
    const d = new DataTransfer();
    for (const f of list) d.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return d;
  }, files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString('base64') })));
  await page.locator('.react-flow').dispatchEvent('drop', { dataTransfer: dt });
}

test("a view's PNG carries the graph; dropped on the canvas it opens that graph; 30 runs files import at once and rank", async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  const runs = new RunsPage(page);
  await studio.goto();
  await studio.openPreset('Autoencoder');
  await studio.chooseBackend('wasm');
  await studio.configureRun({ dataNode: 'data', batch: 8, steps: 2, logEvery: 1, imageEvery: 2, latentEvery: 2, evalAtEnd: false });
  await studio.waitSaved();
  const trained = await studio.getRecord('autosave');
  expect(await studio.trainToEnd()).toBe('Done');

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Loss as PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('latent-studio-loss.png');
  const pngBytes = await readFile(await png.path());
  expect([...pngBytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');

  // another graph on the canvas, then the figure dropped on it: the trained graph is back, exactly
  await studio.openPreset('Variational autoencoder');
  await studio.waitSaved();
  await dropFiles(page, [{ name: 'latent-studio-loss.png', type: 'image/png', bytes: pngBytes }]);
  await expect(studio.toast).toContainText('Imported latent-studio-loss.png');
  await studio.waitSaved();
  expect(await studio.getRecord('autosave')).toEqual(trained);
  // a picture without a graph is refused with a reason; the canvas stays
  const plain = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082', 'hex');
  await dropFiles(page, [{ name: 'photo.png', type: 'image/png', bytes: plain }]);
  await expect(studio.banner).toContainText('photo.png is a picture without a graph in it');
  expect(await studio.getRecord('autosave')).toEqual(trained);

  // the class: one real exported run, turned into 30 students' files with their own results
  await runs.open();
  await expect(runs.rows).toHaveCount(1);
  const [exported] = await Promise.all([page.waitForEvent('download'), runs.rows.first().getByRole('button', { name: /^Export / }).click()]);
  const file = JSON.parse(await readFile(await exported.path(), 'utf8'));
  const base = file.runs[0];
  const students = Array.from({ length: 30 }, (_, i) => {
    const run = { ...base, id: `student-${i}`, name: `Student ${i}`, evals: [{ step: 2, representation: null, knn: ((i * 7) % 30) / 30, probe: i / 30, collapse: null, effectiveRank: null, embeddingCollapse: null, heldOutTotal: null }] };
    return { name: `student-${i}.run.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, runs: [run] })) };
  });
  await runs.importInput.setInputFiles(students);
  await expect(studio.toast).toContainText('Imported 30 runs from 30 files');
  await expect(runs.rows).toHaveCount(31);
  await runs.panel.getByLabel('Rank runs by').selectOption('probe');
  await expect(runs.rows.first()).toContainText('Student 29');
  await expect(runs.rows.first()).toHaveAttribute('data-rank', '1');
  await expect(runs.rows.nth(1)).toContainText('Student 28');
  await runs.panel.getByLabel('Rank runs by').selectOption('knn');
  // knn = ((i·7) mod 30)/30 is highest for i = 17 (119 mod 30 = 29)
  await expect(runs.rows.first()).toContainText('Student 17');

  // all of them in one comparison: curves overlaid, latent plots a page at a time
  await runs.panel.getByRole('button', { name: /^Select all/ }).click();
  await runs.panel.getByRole('button', { name: 'Compare 31' }).click();
  await expect(runs.compareView).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Compare 31 runs' })).toBeVisible();
  const latentPages = runs.compareView.getByRole('group', { name: 'latent plots pages' });
  await expect(latentPages.getByTestId('pager-range')).toHaveText('runs 1–4 of 31');
  await latentPages.getByRole('button', { name: 'Next latent plots' }).click();
  await expect(latentPages.getByTestId('pager-range')).toHaveText('runs 5–8 of 31');
});
