// auto's rule between WebGPU and wasm: software adapters are recognised, timings decide
// with a real GPU, and a graph shape is timed once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fastestByTiming, forgetTimings, softwareAdapter, softwareRenderer } from './backend-choice';

const facts = (o: Partial<Parameters<typeof softwareAdapter>[0]>) => ({ isFallback: false, vendor: '', architecture: '', device: '', description: '', ...o });

test('SwiftShader, llvmpipe and fallback adapters are software; a real GPU is not', () => {
  // what headless Chromium without a GPU reports (e2e/webgpu.spec.ts logs it)
  assert.match(softwareAdapter(facts({ vendor: 'google', architecture: 'swiftshader' }))!, /software adapter \(google swiftshader\)/);
  assert.match(softwareAdapter(facts({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }))!, /software/);
  assert.match(softwareAdapter(facts({ isFallback: true }))!, /fallback adapter/);
  assert.equal(softwareAdapter(facts({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100' })), null);
  assert.equal(softwareAdapter(facts({ vendor: 'apple', architecture: 'metal-3' })), null);
  // WebGL through ANGLE on SwiftShader, as headless Chromium reports it
  assert.match(softwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')!, /software renderer/);
  assert.equal(softwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)'), null);
  assert.equal(softwareRenderer(null), null);
});

test('the faster backend wins, the figures are the reason, and a graph shape is timed once', async () => {
  forgetTimings();
  const timed: string[] = [];
  const time = async (b: 'webgpu' | 'wasm' | 'webgl' | 'cpu') => {
    timed.push(b);
    return b === 'webgpu' ? 40 : 12;
  };
  const first = await fastestByTiming('mlp', ['webgpu', 'wasm'], time);
  assert.equal(first?.backend, 'wasm');
  assert.equal(first?.why, 'auto timed this graph: wasm 12 ms/step, webgpu 40 ms/step');
  const again = await fastestByTiming('mlp', ['webgpu', 'wasm'], time);
  assert.equal(again?.backend, 'wasm');
  assert.match(again!.why, /measured earlier for this graph/);
  assert.deepEqual(timed, ['webgpu', 'wasm']);
  const other = await fastestByTiming('cnn', ['webgpu', 'wasm'], async (b) => (b === 'webgpu' ? 5 : 90));
  assert.equal(other?.backend, 'webgpu');
});

test('a backend whose timing fails does not win; none left gives null', async () => {
  forgetTimings();
  const won = await fastestByTiming('g', ['webgpu', 'wasm'], async (b) => {
    if (b === 'webgpu') throw new Error('device lost');
    return 30;
  });
  assert.equal(won?.backend, 'wasm');
  assert.equal(await fastestByTiming('h', ['webgpu'], async () => Promise.reject(new Error('no'))), null);
});
