// One run's plot in a row of the compare view: its swatch, name and a line
// about what is shown, above the plot itself.
import type { ReactNode } from 'react';
import { RunSwatch } from './RunSwatch';

interface RunFigureProps {
  kind: 'latent' | 'collapse';
  index: number;
  color: string;
  label: string;
  meta: string;
  children: ReactNode;
}

export function RunFigure({ kind, index, color, label, meta, children }: RunFigureProps) {
  return (
    <figure className={`cmp-${kind}`} data-testid={`compare-${kind}`} data-run-index={index}>
      <figcaption>
        <RunSwatch color={color} />
        <strong>{label}</strong>
        <span className="cmp-latent__meta">{meta}</span>
      </figcaption>
      {children}
    </figure>
  );
}
