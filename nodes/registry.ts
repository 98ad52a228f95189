// Every node type, by its stable type string. The palette, the validator and
// the compiler all read this one list; nodes/registry.test.ts checks each entry.
import type { ParamDefs } from '../engine/params';
import type { NodeSpec } from '../engine/spec';
import { colorJitter } from './augment/colour-jitter';
import { cutout } from './augment/cutout';
import { gaussianBlur } from './augment/gaussian-blur';
import { gaussianNoise } from './augment/gaussian-noise';
import { horizontalFlip } from './augment/horizontal-flip';
import { randomAffine } from './augment/random-affine';
import { randomResizedCrop } from './augment/random-resized-crop';
import { saltAndPepper } from './augment/salt-and-pepper';
import { mnist } from './data/mnist';
import { shapes } from './data/shapes';
import { toy2d } from './data/toy2d';
import { userData } from './data/user-data';
import { reconstruction } from './loss/reconstruction';
import { barlowTwins } from './loss/barlow-twins';
import { contractive } from './loss/contractive';
import { dino } from './loss/dino';
import { ganDiscriminator } from './loss/gan-discriminator';
import { ganGenerator } from './loss/gan-generator';
import { gmm } from './loss/gmm';
import { infoNce } from './loss/info-nce';
import { kl } from './loss/kl';
import { kmeans } from './loss/kmeans';
import { l1 } from './loss/l1';
import { moco } from './loss/moco';
import { negativeCosine } from './loss/negative-cosine';
import { swav } from './loss/swav';
import { vicreg } from './loss/vicreg';
import { jepa } from './loss/jepa';
import { maskedPatch } from './loss/masked-patch';
import { noiseSource } from './data/noise-source';
import { decoder } from './network/decoder';
import { dictionary } from './network/dictionary';
import { discriminator } from './network/discriminator';
import { encoder } from './network/encoder';
import { dinoHead } from './network/dino-head';
import { momentumEncoder } from './network/momentum-encoder';
import { predictor } from './network/predictor';
import { projector } from './network/projector';
import { patchify } from './network/patchify';
import { transformer } from './network/transformer';
import { transformerPredictor } from './network/transformer-predictor';
import { centering } from './operator/centering';
import { latent } from './operator/latent';
import { latentGrid } from './operator/latent-grid';
import { mlp } from './network/mlp';
import { freeEnergy } from './loss/free-energy';
import { targetPropNode } from './loss/target-prop';
import { memoryQueue } from './operator/memory-queue';
import { prototypes } from './operator/prototypes';
import { sampler } from './operator/sampler';
import { stopGradient } from './operator/stop-gradient';
import { views } from './operator/views';
import { mask } from './operator/mask';

export const NODE_SPECS = [mnist, toy2d, shapes, userData, gaussianNoise, randomResizedCrop, horizontalFlip, randomAffine, saltAndPepper, cutout, colorJitter, gaussianBlur, views, mask, noiseSource, encoder, decoder, projector, predictor, dinoHead, mlp, patchify, transformer, transformerPredictor, momentumEncoder, discriminator, dictionary, stopGradient, sampler, prototypes, memoryQueue, centering, latent, latentGrid, reconstruction, kl, contractive, l1, infoNce, moco, negativeCosine, vicreg, barlowTwins, swav, dino, maskedPatch, jepa, ganDiscriminator, ganGenerator, kmeans, gmm, freeEnergy, targetPropNode] as const satisfies readonly NodeSpec<ParamDefs>[];

export type AnyNodeSpec = NodeSpec<ParamDefs>;

const byType = new Map<string, AnyNodeSpec>(NODE_SPECS.map((s) => [s.type, s as unknown as AnyNodeSpec]));

export function getSpec(type: string): AnyNodeSpec | undefined {
  return byType.get(type);
}

export function allSpecs(): AnyNodeSpec[] {
  return [...byType.values()];
}
