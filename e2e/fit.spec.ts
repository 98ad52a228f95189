// What a new user tripped on, at 1440×900, 1280×720 and 1024×768: the page itself never
// scrolls (only panels do); every preset opens whole, with node text of 11 px or
// more on screen, with no wire label under
// a node or another label; the minimap stays off the nodes; the view
// chips are never cut off; the top bar's controls never overlap or leave the window; the preset toast goes within 8 s and never covers the
// chips; an invalid learning rate is reverted on blur and the field says so.
import { expect, test, type Page } from '@playwright/test';
import { EditorPage, overlaps, type Box } from './pages/editor';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
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

/** Node text on screen when a preset opens with the default panels (see ARCHITECTURE.md, Canvas). */
const READABLE_PX = 11;

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
      // all in one row, so the canvas keeps its height
      expect((await page.locator('.topbar').boundingBox())!.height, 'top bar height').toBeLessThanOrEqual(48.5);
      // and the graph's name is readable, not cut to a letter
      expect(await page.locator('.topbar__name').evaluate((e) => e.scrollWidth <= e.clientWidth && e.clientWidth > 0)).toBe(true);
      // a wheel over the top bar, over the palette (which scrolls itself) and over the canvas
      await page.mouse.move(size.width / 2, 20);
      await page.mouse.wheel(0, 3000);
      // (a window up to 1300 px wide folds the palette to a rail: it opens over the canvas)
      await ed.openPalette();
      const palette = page.locator('.palette-drawer__panel');
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
      await ed.closePalette();
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
          if (!dock) await settlesReadable(page, READABLE_PX, `${title}: node text of ${READABLE_PX} px or more on screen`);
          const pane = (await ed.pane.boundingBox())!;
          // the whole graph is framed (within the pane), at no more than 100 %
          await expect
            .poll(async () => {
              const bs: Box[] = await rect(page, '.react-flow__node');
              return bs.every((b) => b.x >= pane.x - 1 && b.y >= pane.y - 1 && b.x + b.width <= pane.x + pane.width + 1 && b.y + b.height <= pane.y + pane.height + 1);
            }, { message: `${title}: every node in view` })
            .toBe(true);
          expect(await zoom(page)).toBeLessThanOrEqual(1);
          // labels: folding runs a frame after the view settles; nodes and labels are read in one
          // go, since the view may still move (the dock re-frames once the canvas has resized)
          let nodes: Box[] = [];
          await expect
            .poll(async () => {
              const [ns, labels] = await page.evaluate(() =>
                ['.react-flow__node', '.edge-label:not([data-folded])'].map((sel) =>
                  [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
                ),
              );
              nodes = ns;
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

test.describe('1024×768: the folded palette', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a rail button opens it over the canvas; Esc, a click elsewhere or a chosen node folds it; the pin keeps it open', async ({ page }) => {
    const ed = new EditorPage(page);
    await ed.goto();
    const toggle = ed.paletteToggle;
    const list = page.getByRole('navigation', { name: 'Node palette' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(list).toBeHidden();
    const canvasBefore = (await page.locator('.studio__canvas').boundingBox())!;
    expect(canvasBefore.width, 'canvas width with the palette folded').toBeGreaterThan(650);

    // by keyboard: F6 from the top bar reaches the rail's button; Enter opens it at its filter field, Esc folds it
    await page.getByRole('button', { name: 'Presets' }).focus();
    await page.keyboard.press('F6');
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(list.getByLabel('Filter nodes')).toBeFocused();
    const open = (await page.locator('.palette-drawer__panel').boundingBox())!;
    expect(open.x, 'opened over the canvas edge, beside the rail').toBeGreaterThanOrEqual((await toggle.boundingBox())!.x + 30);
    // the canvas did not move: the palette lies over it
    expect((await page.locator('.studio__canvas').boundingBox())!.width).toBe(canvasBefore.width);
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(toggle).toBeFocused();

    // Enter on an entry adds the node and folds the palette
    await page.keyboard.press('Enter');
    await ed.paletteItem('Projector').focus();
    await page.keyboard.press('Enter');
    await expect(ed.nodes).toHaveCount(1);
    await expect(list).toBeHidden();
    await expect(toggle).toBeFocused();

    // a drag onto the canvas under the open palette lands there (the palette lets the drop through)
    await ed.openPalette();
    const item = (await ed.paletteItem('Encoder').boundingBox())!;
    await page.mouse.move(item.x + 30, item.y + item.height / 2);
    await page.mouse.down();
    await page.mouse.move(canvasBefore.x + 60, canvasBefore.y + 300, { steps: 6 });
    await page.mouse.move(canvasBefore.x + 120, canvasBefore.y + 300, { steps: 6 });
    await page.mouse.up();
    await expect(ed.nodes).toHaveCount(2);
    await expect(list).toBeHidden();

    // a click on the canvas folds it
    await ed.openPalette();
    await ed.pane.click({ position: { x: canvasBefore.width - 40, y: 40 } });
    await expect(list).toBeHidden();

    // quick add needs no palette
    await page.keyboard.press('/');
    await expect(page.getByRole('dialog', { name: 'Add a node or block' })).toBeVisible();
    await page.keyboard.press('Escape');

    // pinned, it is a column again (the canvas gives way), and stays so after a reload
    await ed.openPalette();
    await page.getByRole('button', { name: 'Keep the palette open' }).click();
    await expect(toggle).toBeHidden();
    await expect(list).toBeVisible();
    await expect.poll(async () => (await page.locator('.studio__canvas').boundingBox())!.width).toBeLessThan(canvasBefore.width - 100);
    await page.reload();
    await expect(list).toBeVisible();
    await expect(page.getByRole('button', { name: 'Keep the palette open' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Keep the palette open' }).click();
    await expect(list).toBeHidden();
    await expect(toggle).toBeFocused();
  });

  test('New, Import and Export fold into a File menu, by mouse and by keyboard', async ({ page }) => {
    const ed = new EditorPage(page);
    await ed.goto();
    await ed.openPreset('Autoencoder');
    await expect(page.getByRole('button', { name: 'Export JSON' })).toBeHidden();
    const file = page.getByRole('button', { name: 'File', exact: true });
    const menu = page.getByRole('menu', { name: 'File' });
    await file.click();
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    await expect(menu).toBeHidden();
    await expect(file).toBeFocused();
    // Enter opens it at its first item, ArrowUp goes round to the last, Esc closes it back to the button
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('menuitem', { name: 'New' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Export JSON' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(file).toBeFocused();
    await file.click();
    await menu.getByRole('menuitem', { name: 'New' }).click();
    await expect(ed.nodes).toHaveCount(0);
  });
});
