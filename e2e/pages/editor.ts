// Page helpers for the editing layer: the saved graph as JSON, dragging a node
// by its header, node boxes for overlap checks.
import { expect, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './studio';

export type Box = { x: number; y: number; width: number; height: number };

export class EditorPage extends StudioPage {
  constructor(page: Page) {
    super(page);
  }

  /** The graph as the autosave holds it, once it has been saved. */
  async savedGraph(): Promise<string> {
    await this.waitSaved();
    return JSON.stringify(await this.getRecord('autosave'));
  }

  /** Waits until the autosaved graph equals `json` (the save runs a moment after an edit). */
  async expectSaved(json: string) {
    await expect.poll(async () => JSON.stringify(await this.getRecord('autosave')), { timeout: 10_000 }).toBe(json);
  }

  /**
   * Opens a preset, waits for its autosave and reloads, so the page is fresh (the
   * keyboard starts at the top: the first Tab stop is the skip link) with the preset on it.
   */
  async openPresetFresh(title: string, nodes: number) {
    await this.goto();
    await this.openPreset(title);
    await expect(this.nodes).toHaveCount(nodes);
    await expect.poll(async () => ((await this.getRecord('autosave')) as { nodes?: unknown[] } | undefined)?.nodes?.length).toBe(nodes);
    await this.page.reload();
    await expect(this.nodes).toHaveCount(nodes);
  }

  async dragNode(id: string, dx: number, dy: number) {
    const header = this.node(id).locator('.flow-node__header');
    const box = (await header.boundingBox())!;
    const m = this.page.mouse;
    await m.move(box.x + 20, box.y + box.height / 2);
    await m.down();
    await m.move(box.x + 20 + dx / 2, box.y + box.height / 2 + dy / 2, { steps: 4 });
    await m.move(box.x + 20 + dx, box.y + box.height / 2 + dy, { steps: 4 });
    await m.up();
  }

  async press(keys: string, times = 1) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(keys);
  }

  async nodeBoxes(): Promise<Box[]> {
    return this.nodes.evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  }

  /** Waits until every one of `locator` is visible. */
  async allVisible(locator: Locator) {
    for (const l of await locator.all()) await expect(l).toBeVisible();
  }
}

export function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  return a.x + slack < b.x + b.width && b.x + slack < a.x + a.width && a.y + slack < b.y + b.height && b.y + slack < a.y + a.height;
}
