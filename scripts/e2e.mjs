#!/usr/bin/env node
// `npm run test:e2e`: make sure a production build exists (build when stale), start
// `next start` on a free port, run Playwright against http://localhost:PORT, stop the
// server, exit with Playwright's code. Extra arguments go to `playwright test`
// (e.g. `node scripts/e2e.mjs e2e/webgpu.spec.ts --headed`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildStaleReason, ensureBuild, nextBin, root, run } from './lib/build-check.mjs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: no Chromium at ${chromium}. Install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function prefixed(stream, tag, out) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buf += chunk;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const l of lines) out.write(`${tag} ${l}\n`);
  });
  stream.on('end', () => buf && out.write(`${tag} ${buf}\n`));
}

async function waitForServer(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`next start exited early (code ${server.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`next start did not answer at ${url} within ${timeoutMs / 1000} s`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const t0 = Date.now();
// e2e/offline.spec.ts serves the static build (out/): build it first when stale, since its
// export borrows .next, which next start is about to serve
const specs = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (specs.length === 0 || specs.some((s) => s.includes('offline'))) {
  const why = buildStaleReason('out/sw.js');
  if (why) {
    console.log(`e2e: ${why}; running npm run build:static`);
    const code = await run(process.execPath, [join(root, 'scripts', 'build-static.mjs')]);
    if (code !== 0) process.exit(code);
  }
}
const buildCode = await ensureBuild({ log: (m) => console.log(`e2e: ${m}`) });
if (buildCode !== 0) process.exit(buildCode);

const port = await freePort();
const baseURL = `http://localhost:${port}`;
console.log(`e2e: starting next start on ${baseURL}`);
const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, PORT: String(port) },
});
prefixed(server.stdout, '[next]', process.stdout);
prefixed(server.stderr, '[next]', process.stderr);

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    interrupted = true;
    await stop(server);
    process.exit(130);
  });
}

let code = 1;
try {
  const status = await waitForServer(`${baseURL}/`, server, 60_000);
  console.log(`e2e: server up (GET / -> ${status}) after ${((Date.now() - t0) / 1000).toFixed(1)} s; running playwright`);
  code = await run(process.execPath, [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)], {
    env: { ...process.env, BASE_URL: baseURL, CHROMIUM_PATH: chromium },
  });
} catch (err) {
  console.error(`e2e: ${err instanceof Error ? err.message : err}`);
  code = 1;
} finally {
  if (!interrupted) await stop(server);
}
console.log(`e2e: done in ${((Date.now() - t0) / 1000).toFixed(1)} s, playwright exit code ${code}`);
process.exit(code);
