// Which tensor the latent plot shows. The user picks it on the canvas (an edge,
// or an output port's label); the choice lives in the studio and is sent to the
// worker at once during a run, or just before the next Train.
import { createContext, useContext } from 'react';

/** A node's output port: the graph's own reference type. */
import type { PortRef } from '../../engine/graph';

export type Probe = PortRef;

/** What the worker can project: the same check the worker applies. */
export { isPlottable } from '../../engine/types';

export interface ProbeChoice {
  probe: Probe | null;
  choose(p: Probe | null): void;
}

/** A context rather than node data, so choosing a port re-renders only the nodes that show the marker. */
export const ProbeContext = createContext<ProbeChoice>({ probe: null, choose: () => undefined });

export function useProbe(): ProbeChoice {
  return useContext(ProbeContext);
}
