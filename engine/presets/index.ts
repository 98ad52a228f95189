// Ready-made graphs for the lecture architectures, loadable by name from the
// UI menu and the CLI (`--preset NAME`). Each is a plain graph JSON file, with
// its lecture tour in tours/<name>.json.
import { parseGraph, type Graph } from '../graph';
import pca from './pca.json';
import kmeans from './kmeans.json';
import gmm from './gmm.json';
import sparsecoding from './sparse-coding.json';
import ae from './ae.json';
import dae from './dae.json';
import cae from './cae.json';
import vae from './vae.json';
import gan from './gan.json';
import simclr from './simclr.json';
import moco from './moco.json';
import byol from './byol.json';
import simsiam from './simsiam.json';
import vicreg from './vicreg.json';
import barlowtwins from './barlow-twins.json';
import swav from './swav.json';
import dino from './dino.json';
import vitsimclr from './vit-simclr.json';
import mae from './mae.json';
import ijepa from './ijepa.json';
import lvebm from './lv-ebm.json';
import targetprop from './target-prop.json';
import tourPca from './tours/pca.json';
import tourKmeans from './tours/kmeans.json';
import tourGmm from './tours/gmm.json';
import tourSparseCoding from './tours/sparse-coding.json';
import tourAe from './tours/ae.json';
import tourDae from './tours/dae.json';
import tourCae from './tours/cae.json';
import tourVae from './tours/vae.json';
import tourGan from './tours/gan.json';
import tourSimclr from './tours/simclr.json';
import tourMoco from './tours/moco.json';
import tourByol from './tours/byol.json';
import tourSimsiam from './tours/simsiam.json';
import tourVicreg from './tours/vicreg.json';
import tourBarlowTwins from './tours/barlow-twins.json';
import tourSwav from './tours/swav.json';
import tourDino from './tours/dino.json';
import tourLvEbm from './tours/lv-ebm.json';
import tourTargetProp from './tours/target-prop.json';
import { TourSchema } from '../teach';

export interface Preset {
  name: string;
  title: string;
  family: 'autoencoder' | 'generative' | 'contrastive' | 'non-contrastive' | 'classical';
  graph: Graph;
}

/** Lecture tours are data files beside the presets (tours/<name>.json); a preset carries its tour in meta.tour. */
const TOURS: Record<string, unknown> = {
  'pca': tourPca,
  'kmeans': tourKmeans,
  'gmm': tourGmm,
  'sparse-coding': tourSparseCoding,
  'ae': tourAe,
  'dae': tourDae,
  'cae': tourCae,
  'vae': tourVae,
  'gan': tourGan,
  'simclr': tourSimclr,
  'moco': tourMoco,
  'byol': tourByol,
  'simsiam': tourSimsiam,
  'vicreg': tourVicreg,
  'barlow-twins': tourBarlowTwins,
  'swav': tourSwav,
  'dino': tourDino,
  'lv-ebm': tourLvEbm,
  'target-prop': tourTargetProp,
};

function load(name: string, family: Preset['family'], raw: unknown): Preset {
  const r = parseGraph(raw);
  if (!r.ok) throw new Error(`preset ${name} is invalid: ${r.errors.join('; ')}`);
  const tour = TOURS[name] === undefined ? null : TourSchema.safeParse(TOURS[name]);
  if (tour && !tour.success) throw new Error(`the tour of preset ${name} is invalid: ${tour.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const graph = tour ? { ...r.graph, meta: { ...r.graph.meta, tour: tour.data } } : r.graph;
  return { name, title: graph.meta.name, family, graph };
}

export const PRESETS: readonly Preset[] = [
  load('pca', 'classical', pca),
  load('kmeans', 'classical', kmeans),
  load('gmm', 'classical', gmm),
  load('sparse-coding', 'classical', sparsecoding),
  load('ae', 'autoencoder', ae),
  load('dae', 'autoencoder', dae),
  load('cae', 'autoencoder', cae),
  load('vae', 'generative', vae),
  load('gan', 'generative', gan),
  load('simclr', 'contrastive', simclr),
  load('moco', 'contrastive', moco),
  load('byol', 'non-contrastive', byol),
  load('simsiam', 'non-contrastive', simsiam),
  load('vicreg', 'non-contrastive', vicreg),
  load('barlow-twins', 'non-contrastive', barlowtwins),
  load('swav', 'non-contrastive', swav),
  load('dino', 'non-contrastive', dino),
  load('vit-simclr', 'contrastive', vitsimclr),
  load('mae', 'autoencoder', mae),
  load('ijepa', 'non-contrastive', ijepa),
  load('lv-ebm', 'classical', lvebm),
  load('target-prop', 'classical', targetprop),
];

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** A fresh copy, so callers may edit it freely. */
export function presetGraph(name: string): Graph | undefined {
  const p = getPreset(name);
  return p ? (structuredClone(p.graph) as Graph) : undefined;
}
