// PyTorch export of the Shapes node (shapes.ts): the drawn set is exported with the project.
import type { TorchPart } from '../../engine/export/types';
import { imageBatch } from './image.torch';

export const shapesTorch: TorchPart = { forward: imageBatch };
