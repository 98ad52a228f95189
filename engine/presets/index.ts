// Ready-made graphs for the lecture architectures, loadable by name from the
// UI menu and the CLI (`--preset NAME`). Each is a plain graph JSON file.
import { parseGraph, type Graph } from '../graph';
import ae from './ae.json';
import dae from './dae.json';

export interface Preset {
  name: string;
  title: string;
  family: 'autoencoder' | 'generative' | 'contrastive' | 'non-contrastive' | 'classical';
  graph: Graph;
}

function load(name: string, family: Preset['family'], raw: unknown): Preset {
  const r = parseGraph(raw);
  if (!r.ok) throw new Error(`preset ${name} is invalid: ${r.errors.join('; ')}`);
  return { name, title: r.graph.meta.name, family, graph: r.graph };
}

export const PRESETS: readonly Preset[] = [load('ae', 'autoencoder', ae), load('dae', 'autoencoder', dae)];

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** A fresh copy, so callers may edit it freely. */
export function presetGraph(name: string): Graph | undefined {
  const p = getPreset(name);
  return p ? (structuredClone(p.graph) as Graph) : undefined;
}
