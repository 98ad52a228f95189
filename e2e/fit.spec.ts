// What a new user tripped on, at 1440×900 and 1024×768: the page itself never
// scrolls (only panels do); every preset opens whole, with node text of 11 px or
// more on screen at 1440×900, with no wire label under
// a node or another label; the minimap stays off the nodes; the view
// chips are never cut off; the top bar's controls never overlap or leave the window; the preset toast goes within 8 s and never covers the
// chips; an invalid learning rate is reverted on blur and the field says so.
import { expect, test, type Page } from '@playwright/test';
import { EditorPage, overlaps, type Box } from './pages/editor';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

async function pageFits(page: Page) {
  const m = await page.evaluate(() => ({ sh: document.scrollingElement!.scrollHeight, sw: document.scrollingElement!.scrollWidth, y: scrollY, x: scrollX, h: innerHeight, w: innerWidth }));
  expect(m.sh, 'document height').toBe(m.h);
  expect(m.sw, 'document width').toBe(m.w);
  expect([m.x, m.y]).toEqual([0, 0]);
}

const rect = (page: Page, sel: string) => page.locator(sel).evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));

async function zoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((e) => Number(/scale\(([\d.]+)\)/.exec((e as HTMLElement).style.transform)?.[1] ?? 0));
}

/** The smallest node text as drawn on screen: its font size times the canvas zoom. */
async function nodeTextPx(page: Page): Promise<number> {
  const z = await zoom(page);
  const sizes = await page
    .locator('.flow-node__title, .flow-node__port-label, .flow-node__params dt, .flow-node__params dd, .flow-node__issues li')
    .evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  return Math.min(...sizes) * z;
}

/** Waits until the view holds still with the smallest node text at `px` or more on screen. */
async function settlesReadable(page: Page, px: number, message: string) {
  let last = '';
  const transform = () => page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
  await expect.poll(async () => last === (last = await transform()) && (await nodeTextPx(page)) >= px, { message }).toBe(true);
}

/**
 * Node text on screen when a preset opens with the default panels: 11 px or more at
 * 1440×900. At 1024×768 (a 528 px canvas) a preset that would open under 8 px is laid out
 * again by ELK (see ARCHITECTURE.md); these still open whole below 11 px there (8–10.9 px; the last two keep their drawn layout at 8.3 px).
 */
const NARROW_SMALL: readonly string[] = ['Contractive autoencoder', 'Variational autoencoder', 'MAE', 'GAN', 'MoCo v2', 'BYOL', 'SimSiam', 'VICReg', 'SwAV', 'DINO', 'I-JEPA', 'Sparse coding (ISTA)', 'Latent-variable EBM'];
const textPx = (width: number, title: string) => (width >= 1440 || !NARROW_SMALL.includes(title) ? 11 : 7.5);

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the studio fills the window: wheel and keys anywhere scroll panels, never the page', async ({ page }) => {
      const ed = new EditorPage(page);
      await ed.goto();
      await ed.openPreset('BYOL');
      await pageFits(page);
      // every control of the top bar whole, inside the window and clear of the others (a focus ring on one hidden under another is no focus ring)
      await ed.waitSaved();
      const bar = (await rect(page, '.topbar :is(button, a, select, [data-testid="save-state"])')).filter((b) => b.width > 0);
      expect(bar.length).toBeGreaterThan(10);
      for (const b of bar) expect(b.x >= 0 && b.x + b.width <= size.width, `top bar control at x ${Math.round(b.x)}–${Math.round(b.x + b.width)}`).toBe(true);
      for (let i = 0; i < bar.length; i++) for (let j = i + 1; j < bar.length; j++) expect(overlaps(bar[i], bar[j]), `top bar controls ${i} and ${j} overlap`).toBe(false);
      // and the graph's name is readable, not cut to a letter
      expect(await page.locator('.topbar__name').evaluate((e) => e.scrollWidth <= e.clientWidth && e.clientWidth > 0)).toBe(true);
      // a wheel over the top bar, over the palette (which scrolls itself) and over the canvas
      await page.mouse.move(size.width / 2, 20);
      await page.mouse.wheel(0, 3000);
      const palette = page.locator('.studio__palette');
      const pb = (await palette.boundingBox())!;
      await page.mouse.move(pb.x + pb.width / 2, pb.y + pb.height / 2);
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 1500);
      await expect.poll(() => palette.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
      await pageFits(page);
      // keyboard: focus the last palette entry (far below the fold), then End / PageDown / Space on the page
      await page.locator('.studio__palette button').last().focus();
      await pageFits(page);
      await page.locator('body').click({ position: { x: 1, y: size.height - 1 } });
      for (const k of ['End', 'PageDown', 'Space', 'ArrowDown']) await page.keyboard.press(k);
      await pageFits(page);
      // with the training views open too
      await page.getByRole('button', { name: 'Training views' }).click();
      await page.mouse.move(size.width / 2, size.height - 40);
      await page.mouse.wheel(0, 3000);
      await pageFits(page);
    });

    test('every preset opens whole: no label over a node or a label, minimap off the nodes, chips whole', async ({ page }) => {
      test.setTimeout(240_000);
      const ed = new EditorPage(page);
      await ed.goto();
      await page.getByRole('button', { name: 'Presets' }).click();
      const titles = await page.getByRole('menu', { name: 'Presets' }).getByRole('menuitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      await page.keyboard.press('Escape');
      expect(titles.length).toBeGreaterThan(15);
      for (const dock of [false, true]) {
        if (dock) await page.getByRole('button', { name: 'Training views' }).click();
        for (const title of titles) {
          await ed.openPreset(title);
          await expect(ed.toast).toContainText(title);
          if (!dock) await settlesReadable(page, textPx(size.width, title), `${title}: node text of ${textPx(size.width, title)} px or more on screen`);
          const pane = (await ed.pane.boundingBox())!;
          // the whole graph is framed (within the pane), at no more than 100 %
          await expect
            .poll(async () => {
              const bs: Box[] = await rect(page, '.react-flow__node');
              return bs.every((b) => b.x >= pane.x - 1 && b.y >= pane.y - 1 && b.x + b.width <= pane.x + pane.width + 1 && b.y + b.height <= pane.y + pane.height + 1);
            }, { message: `${title}: every node in view` })
            .toBe(true);
          expect(await zoom(page)).toBeLessThanOrEqual(1);
          const nodes: Box[] = await rect(page, '.react-flow__node');
          // labels: folding runs a frame after the view settles
          await expect
            .poll(async () => {
              const labels: Box[] = await rect(page, '.edge-label:not([data-folded])');
              const bad = labels.filter((l, i) => nodes.some((n) => overlaps(l, n)) || labels.some((o, j) => j < i && overlaps(l, o)));
              return bad.length;
            }, { message: `${title}: no label over a node or another label` })
            .toBe(0);
          // a folded label still tells its type on hover
          for (const t of await page.locator('.edge-label[data-folded]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))) expect(t).toMatch(/\S/);
          for (const c of await rect(page, '.react-flow__controls')) expect(nodes.some((n) => overlaps(c, n)), `${title}: zoom buttons over a node`).toBe(false);
          const minimap: Box[] = await rect(page, '.react-flow__minimap');
          for (const m of minimap) expect(nodes.some((n) => overlaps(m, n)), `${title}: minimap over a node`).toBe(false);
          if (dock) expect(minimap, 'no minimap over the short canvas').toHaveLength(0);
        }
        // every view chip is whole and inside the window
        const bar = (await page.locator('.dock__bar').boundingBox())!;
        for (const c of await rect(page, '.dock__chips .chip')) {
          expect(c.x >= bar.x && c.x + c.width <= bar.x + bar.width + 0.5 && c.y >= bar.y - 0.5 && c.y + c.height <= bar.y + bar.height + 0.5, 'chip inside the dock bar').toBe(true);
          expect(c.x + c.width).toBeLessThanOrEqual(size.width);
        }
      }
    });

    test('the preset toast goes within 8 s and never covers the view chips', async ({ page }) => {
      const ed = new EditorPage(page);
      await ed.goto();
      await ed.openPreset('SimCLR');
      const toast = page.locator('.toast');
      await expect(toast).toBeVisible();
      const t = (await toast.boundingBox())!;
      for (const c of await rect(page, '.dock__chips .chip')) expect(overlaps(t, c)).toBe(false);
      await expect(toast).toBeHidden({ timeout: 9_000 });
    });

    test('an invalid learning rate is reverted when the field is left, and the field says so', async ({ page }) => {
      const ed = new EditorPage(page);
      await ed.goto();
      await ed.openPreset('Autoencoder');
      await ed.clearSelection();
      const lr = ed.field('Learning rate');
      const before = await lr.inputValue();
      await lr.fill('1000000');
      await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('alert')).toBeVisible();
      await lr.press('Tab');
      await expect(lr).toHaveValue(before);
      await expect(page.getByTestId('field-reverted')).toContainText('1000000” was not applied');
      const saved = JSON.parse(await ed.savedGraph());
      expect(saved.meta.train.learningRate).toBe(Number(before));
      await expect(ed.trainButton).toBeEnabled();
    });
  });
}
