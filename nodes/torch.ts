// The PyTorch export part of every node type, by type. A node type without one
// cannot be exported (the exporter names it); nodes/registry.test.ts checks that
// every registered node type has a part here.
import { userDataTorch } from './data/user-data.torch';
import type { TorchLookup, TorchPart } from '../engine/export/types';
import { colorJitterTorch } from './augment/colour-jitter.torch';
import { cutoutTorch } from './augment/cutout.torch';
import { gaussianBlurTorch } from './augment/gaussian-blur.torch';
import { gaussianNoiseTorch } from './augment/gaussian-noise.torch';
import { horizontalFlipTorch } from './augment/horizontal-flip.torch';
import { randomAffineTorch } from './augment/random-affine.torch';
import { randomResizedCropTorch } from './augment/random-resized-crop.torch';
import { saltAndPepperTorch } from './augment/salt-and-pepper.torch';
import { mnistTorch } from './data/mnist.torch';
import { noiseSourceTorch } from './data/noise-source.torch';
import { shapesTorch } from './data/shapes.torch';
import { toy2dTorch } from './data/toy2d.torch';
import { barlowTwinsTorch } from './loss/barlow-twins.torch';
import { contractiveTorch } from './loss/contractive.torch';
import { dinoTorch } from './loss/dino.torch';
import { ganDiscriminatorTorch, ganGeneratorTorch } from './loss/gan.torch';
import { gmmTorch } from './loss/gmm.torch';
import { infoNceTorch } from './loss/info-nce.torch';
import { klTorch } from './loss/kl.torch';
import { kmeansTorch } from './loss/kmeans.torch';
import { l1Torch } from './loss/l1.torch';
import { mocoTorch } from './loss/moco.torch';
import { negativeCosineTorch } from './loss/negative-cosine.torch';
import { reconstructionTorch } from './loss/reconstruction.torch';
import { swavTorch } from './loss/swav.torch';
import { vicregTorch } from './loss/vicreg.torch';
import { jepaTorch } from './loss/jepa.torch';
import { maskedPatchTorch } from './loss/masked-patch.torch';
import { patchifyTorch } from './network/patchify.torch';
import { transformerTorch } from './network/transformer.torch';
import { transformerPredictorTorch } from './network/transformer-predictor.torch';
import { maskTorch } from './operator/mask.torch';
import { decoderTorch } from './network/decoder.torch';
import { dictionaryTorch } from './network/dictionary.torch';
import { discriminatorTorch } from './network/discriminator.torch';
import { encoderTorch } from './network/encoder.torch';
import { dinoHeadTorch } from './network/dino-head.torch';
import { mlpHeadTorch } from './network/mlp-head.torch';
import { momentumEncoderTorch } from './network/momentum-encoder.torch';
import { centeringTorch } from './operator/centering.torch';
import { latentTorch } from './operator/latent.torch';
import { latentGridTorch } from './operator/latent-grid.torch';
import { freeEnergyTorch } from './loss/free-energy.torch';
import { targetPropTorch } from './loss/target-prop.torch';
import { memoryQueueTorch } from './operator/memory-queue.torch';
import { prototypesTorch } from './operator/prototypes.torch';
import { samplerTorch } from './operator/sampler.torch';
import { stopGradientTorch } from './operator/stop-gradient.torch';
import { viewsTorch } from './operator/views.torch';

export const TORCH_PARTS: Record<string, TorchPart> = {
  'data.mnist': mnistTorch,
  'data.toy2d': toy2dTorch,
  'data.shapes': shapesTorch,
  'data.noise': noiseSourceTorch,
  'data.user': userDataTorch,
  'augment.gaussian-noise': gaussianNoiseTorch,
  'augment.random-resized-crop': randomResizedCropTorch,
  'augment.horizontal-flip': horizontalFlipTorch,
  'augment.random-affine': randomAffineTorch,
  'augment.salt-and-pepper': saltAndPepperTorch,
  'augment.cutout': cutoutTorch,
  'augment.colour-jitter': colorJitterTorch,
  'augment.gaussian-blur': gaussianBlurTorch,
  'op.views': viewsTorch,
  'op.mask': maskTorch,
  'op.stop-gradient': stopGradientTorch,
  'op.sampler': samplerTorch,
  'op.prototypes': prototypesTorch,
  'op.memory-queue': memoryQueueTorch,
  'op.centering': centeringTorch,
  'op.latent': latentTorch,
  'op.latent-grid': latentGridTorch,
  'loss.free-energy': freeEnergyTorch,
  'loss.target-prop': targetPropTorch,
  'net.encoder': encoderTorch,
  'net.decoder': decoderTorch,
  'net.projector': mlpHeadTorch,
  'net.predictor': mlpHeadTorch,
  'net.mlp': mlpHeadTorch,
  'net.dino-head': dinoHeadTorch,
  'net.momentum-encoder': momentumEncoderTorch,
  'net.patchify': patchifyTorch,
  'net.transformer': transformerTorch,
  'net.transformer-predictor': transformerPredictorTorch,
  'net.discriminator': discriminatorTorch,
  'net.dictionary': dictionaryTorch,
  'loss.reconstruction': reconstructionTorch,
  'loss.kl': klTorch,
  'loss.contractive': contractiveTorch,
  'loss.l1': l1Torch,
  'loss.info-nce': infoNceTorch,
  'loss.moco': mocoTorch,
  'loss.negative-cosine': negativeCosineTorch,
  'loss.vicreg': vicregTorch,
  'loss.barlow-twins': barlowTwinsTorch,
  'loss.masked-patch': maskedPatchTorch,
  'loss.jepa': jepaTorch,
  'loss.swav': swavTorch,
  'loss.dino': dinoTorch,
  'loss.gan-discriminator': ganDiscriminatorTorch,
  'loss.gan-generator': ganGeneratorTorch,
  'loss.kmeans': kmeansTorch,
  'loss.gmm': gmmTorch,
};

export const torchPart: TorchLookup = (type) => TORCH_PARTS[type];
