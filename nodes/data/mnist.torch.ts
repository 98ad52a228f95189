// PyTorch export of the MNIST node (mnist.ts): pixels 0..255 from data.py scaled to the node's range.
import type { TorchPart } from '../../engine/export/types';
import { imageBatch } from './image.torch';

export const mnistTorch: TorchPart = { forward: imageBatch };
