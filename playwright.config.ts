import { defineConfig } from '@playwright/test';

// Run through `node scripts/e2e.mjs` (npm run test:e2e): it builds when needed, starts
// `next start` on a free port and sets BASE_URL. The host must be `localhost`, not
// 127.0.0.1 (Next blocks /_next assets for the 127.0.0.1 origin in dev; and localhost is a
// secure context, which navigator.gpu requires).
//
// Browser: Playwright cannot download its own browsers here, so it drives Debian's
// Chromium (apt-get install chromium). Of the flags tried, only --enable-unsafe-webgpu is
// needed for navigator.gpu.requestAdapter() to return SwiftShader's adapter in headless
// mode, in pages and dedicated workers; WebGL2 (SwiftShader through ANGLE) works without
// extra flags because Playwright already passes --enable-unsafe-swiftshader. Do not pass
// --enable-features=...: it replaces the --enable-features list Playwright sets itself.
export default defineConfig({
  testDir: 'e2e',
  // Training on SwiftShader WebGPU takes seconds per conv step.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    baseURL: process.env.BASE_URL || 'http://localhost:3000',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--enable-unsafe-webgpu', // required: without it requestAdapter() resolves to null
        '--disable-sync', // no network on CI; the rest of the quieting flags are Playwright defaults
        '--disable-quic',
        '--no-sandbox', // CI runs as root (Playwright adds it by default too)
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
