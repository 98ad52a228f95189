// The presets as a student meets them: all of them in the menu, grouped by
// family; each opens framed and laid out (no node off screen, none on top of
// another) with nothing to fix; one per family trains on WebGPU from the UI;
// and the momentum encoder's "Follows" list can be edited. SwiftShader WebGPU is
// slow, so every run is three tiny steps with no evaluation at the end.
import { expect, test, type Locator } from '@playwright/test';
import { StudioPage } from './pages/studio';
import { ViewsPage } from './pages/views';

test.use({ viewport: { width: 1440, height: 900 } });

const FAMILIES: Record<string, string[]> = {
  Autoencoders: ['Autoencoder', 'Denoising autoencoder', 'Contractive autoencoder', 'MAE'],
  Generative: ['Variational autoencoder', 'GAN'],
  Contrastive: ['SimCLR', 'MoCo v2', 'ViT + SimCLR'],
  'Non-contrastive': ['BYOL', 'SimSiam', 'VICReg', 'Barlow Twins', 'SwAV', 'DINO', 'I-JEPA'],
  Classical: ['PCA', 'K-means', 'Gaussian mixture', 'Sparse coding', 'Latent-variable EBM', 'Target propagation'],
};

type Box = { x: number; y: number; width: number; height: number };

async function boxes(l: Locator): Promise<Box[]> {
  return l.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const PRESET_COUNT = Object.values(FAMILIES).flat().length;

test('the menu lists every preset by family, and each opens as a framed, valid graph', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await page.getByRole('button', { name: 'Presets' }).click();
  const menu = page.getByRole('menu', { name: 'Presets' });
  await expect(menu.getByRole('menuitem')).toHaveCount(PRESET_COUNT);
  const titles: string[] = [];
  for (const [family, expected] of Object.entries(FAMILIES)) {
    const group = menu.getByRole('group', { name: family, exact: true });
    await expect(group).toBeVisible();
    const items = await group.getByRole('menuitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    // names may grow a suffix ("MoCo v2"); each expected family member must be there
    for (const name of expected) expect(items.some((i) => i === name || i.startsWith(`${name} `)), `${name} in ${family}: ${items.join(', ')}`).toBe(true);
    titles.push(...items);
  }
  expect(titles).toHaveLength(PRESET_COUNT);
  await page.keyboard.press('Escape');

  const pane = await studio.pane.boundingBox();
  expect(pane).toBeTruthy();
  for (const title of titles) {
    await studio.openPreset(title);
    await expect(page.getByTestId('toast')).toContainText(title);
    const nodes = studio.nodes;
    await expect.poll(() => nodes.count()).toBeGreaterThan(1);
    // fitView runs after the nodes are measured
    await expect
      .poll(async () => {
        const bs = await boxes(nodes);
        return bs.every((b) => b.x >= pane!.x - 1 && b.y >= pane!.y - 1 && b.x + b.width <= pane!.x + pane!.width + 1 && b.y + b.height <= pane!.y + pane!.height + 1);
      }, { message: `${title}: every node inside the canvas` })
      .toBe(true);
    const bs = await boxes(nodes);
    for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) expect(overlap(bs[i], bs[j]), `${title}: nodes ${i} and ${j} overlap`).toBe(false);
    // a preset is ready to train: no node reports a problem
    await expect(page.locator('.flow-node.has-error')).toHaveCount(0);
    await expect(studio.trainButton).toBeEnabled();
  }
});

for (const { preset, data } of [
  { preset: 'Autoencoder', data: 'data' },
  { preset: 'SimCLR', data: 'data' },
  { preset: 'BYOL', data: 'data' },
]) {
  test(`${preset} trains from the UI on WebGPU`, async ({ page }) => {
    test.setTimeout(150_000);
    const studio = new StudioPage(page);
    const views = new ViewsPage(page);
    await studio.goto();
    await studio.openPreset(preset);
    await studio.configureRun({ dataNode: data, batch: 16, steps: 3, logEvery: 1, imageEvery: 50, latentEvery: 50, evalEvery: 0, evalAtEnd: false });
    // WebGPU by name: auto picks wasm over a software adapter (e2e/backend.spec.ts)
    await studio.chooseBackend('webgpu');
    const t0 = Date.now();
    await studio.trainButton.click();
    await expect(studio.backendBadge).toHaveText('webgpu', { timeout: 60_000 });
    await expect(studio.runState).toHaveText(/Done|Failed|Stopped/, { timeout: 130_000 });
    await expect(studio.runError).toHaveCount(0);
    await expect(studio.runState).toHaveText('Done');
    console.log(`${preset}: 3 steps on webgpu in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await expect.poll(() => views.num(views.lossChart, 'data-points')).toBe(3);
    const losses = await studio.lossValues();
    expect(losses.length).toBeGreaterThan(0);
    for (const l of losses) expect(Number.isFinite(l.last), `${l.key} = ${l.last}`).toBe(true);
  });
}

test("the momentum encoder's Follows list can be edited", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('BYOL');
  await studio.select('momentum');
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const list = inspector.locator('.nodes-picker__list li');
  await expect(list).toHaveCount(2);
  await expect(list.nth(0)).toContainText('encoder');
  await expect(list.nth(1)).toContainText('projector');

  // Following the encoder alone changes the target's shape: the loss now compares 64-d with 128-d.
  await inspector.getByRole('button', { name: 'Remove projector' }).click();
  await expect(list).toHaveCount(1);
  await expect(studio.trainButton).toBeDisabled();
  await expect(studio.blocked).toBeVisible();

  // Adding it back from the picker restores a valid graph.
  await studio.field('Follows').selectOption('projector');
  await expect(list).toHaveCount(2);
  await expect(list.nth(1)).toContainText('projector');
  await expect(studio.blocked).toHaveCount(0);
  await expect(studio.trainButton).toBeEnabled();

  // Reordering puts the projector first, which cannot take an image: the node says why.
  await inspector.getByRole('button', { name: 'Move projector earlier' }).click();
  await expect(list.nth(0)).toContainText('projector');
  await expect(studio.node('momentum')).toHaveAttribute('data-issue', /./);
  await expect(studio.trainButton).toBeDisabled();
});
