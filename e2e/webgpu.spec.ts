import { expect, test } from '@playwright/test';

// The training worker needs WebGPU in a dedicated worker, not just in the page. This spec
// guards the browser setup (Chromium flags in playwright.config.ts) rather than the app.

test('navigator.gpu.requestAdapter() returns an adapter in the page', async ({ page }) => {
  await page.goto('/');
  const result = await page.evaluate(async () => {
    if (!('gpu' in navigator)) return { ok: false, why: 'navigator.gpu is undefined' };
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return { ok: false, why: 'requestAdapter() resolved to null' };
    // adapter.info is newer than the @webgpu/types version tfjs pulls in.
    const info = (adapter as unknown as { info?: { vendor?: string; architecture?: string } }).info;
    return { ok: true, vendor: info?.vendor ?? '', architecture: info?.architecture ?? '' };
  });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
});

test('navigator.gpu.requestAdapter() returns an adapter in a dedicated worker', async ({ page }) => {
  await page.goto('/');
  const result = await page.evaluate(async () => {
    const source = `
      (async () => {
        try {
          if (!('gpu' in navigator)) return postMessage({ ok: false, why: 'navigator.gpu is undefined in the worker' });
          const adapter = await navigator.gpu.requestAdapter();
          if (!adapter) return postMessage({ ok: false, why: 'requestAdapter() resolved to null in the worker' });
          const device = await adapter.requestDevice();
          postMessage({ ok: true, vendor: adapter.info ? adapter.info.vendor : '', hasDevice: !!device });
          device.destroy();
        } catch (e) {
          postMessage({ ok: false, why: String(e) });
        }
      })();
    `;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    try {
      return await new Promise<{ ok: boolean; why?: string }>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ ok: false, why: `worker error: ${e.message}` });
        setTimeout(() => resolve({ ok: false, why: 'worker did not answer in 30 s' }), 30_000);
      });
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true, hasDevice: true });
});
