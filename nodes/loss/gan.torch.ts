// PyTorch export of the GAN losses (gan-discriminator.ts, gan-generator.ts).
import type { PyDef } from '../../engine/export/types';
import { lossPart } from './loss.torch';

const BCE: PyDef = {
  file: 'losses',
  key: 'bce_logits',
  source: String.raw`
def bce_logits(logits, target):
    """BCE(sigmoid(x), y) from logits, softplus(x) - x y: dcgan's BCELoss on a Sigmoid, stable."""
    return (F.softplus(logits) - logits * target).mean()
`,
};

export const ganDiscriminatorTorch = lossPart({
  fn: 'gan_discriminator',
  ports: [{ id: 'realLogits' }, { id: 'fakeLogits' }],
  terms: true,
  source: String.raw`
def gan_discriminator(real_logits, fake_logits):
    """dcgan errD_real + errD_fake: BCE(D(x), 1) + BCE(D(G(z)), 0)."""
    real, fake = bce_logits(real_logits, 1.0), bce_logits(fake_logits, 0.0)
    return real + fake, {"real": real, "fake": fake}
`,
});
ganDiscriminatorTorch.code = [BCE, ...(ganDiscriminatorTorch.code as PyDef[])];

export const ganGeneratorTorch = lossPart({
  fn: 'gan_generator',
  ports: [{ id: 'fakeLogits' }],
  source: String.raw`
def gan_generator(fake_logits):
    """dcgan errG, the non-saturating -log D(G(z))."""
    return bce_logits(fake_logits, 1.0)
`,
});
ganGeneratorTorch.code = [BCE, ...(ganGeneratorTorch.code as PyDef[])];
