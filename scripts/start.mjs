#!/usr/bin/env node
// `npm start`: build when .next is missing or older than the sources, then `next start`
// on $PORT (default 3000). Next listens on all interfaces, so http://localhost:PORT works
// (use localhost, not 127.0.0.1: Next blocks /_next dev assets for the 127.0.0.1 origin).
import { spawn } from 'node:child_process';
import { ensureBuild, nextBin, root } from './lib/build-check.mjs';

const code = await ensureBuild();
if (code !== 0) process.exit(code);

const port = process.env.PORT || '3000';
const child = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (c, signal) => process.exit(c ?? (signal ? 0 : 1)));
