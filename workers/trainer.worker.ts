// The training worker: a thin Comlink facade over engine/runtime/session.
// Backends are registered by importing them; the session picks one.
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as Comlink from 'comlink';
import { trainSession } from '../engine/runtime/session';
import type { Control } from '../engine/runtime/trainer';
import { getSpec } from '../nodes/registry';
import type { TrainerApi } from './protocol';

// scripts/build-mnist.mjs copies the wasm binaries to public/tfjs/
setWasmPaths('/tfjs/');

let control: Control | null = null;

async function readAsset(path: string): Promise<Uint8Array> {
  const res = await fetch(`/${path}`);
  if (!res.ok) throw new Error(`GET /${path}: ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

const api: TrainerApi = {
  async train(graph, options, onEvent) {
    control?.wake?.();
    if (control) control.stopped = true;
    const mine: Control = { paused: false, stopped: false };
    control = mine;
    try {
      await trainSession({ graph, lookup: getSpec, backend: options.backend, steps: options.steps, readAsset, emit: (e) => onEvent(e), control: mine });
    } catch (e) {
      // trainSession reports its own failures; this catches bugs, so the UI still hears the run ended
      onEvent({ type: 'done', state: 'failed', steps: 0, wallMs: 0, stepsPerSec: 0, final: {}, backend: 'cpu', numTensors: 0, error: `internal error: ${(e as Error).message}` });
    } finally {
      if (control === mine) control = null;
    }
  },
  pause() {
    if (control) control.paused = true;
  },
  resume() {
    if (!control) return;
    control.paused = false;
    control.wake?.();
    control.wake = undefined;
  },
  stop() {
    if (!control) return;
    control.stopped = true;
    control.paused = false;
    control.wake?.();
  },
};

Comlink.expose(api);
