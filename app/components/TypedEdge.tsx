'use client';
// A wire labelled with what flows along it ("latent [B, 32]"): seeing shapes
// on the canvas is how a student checks that an architecture means what they
// think before pressing Train.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { WireStatsTip } from './WireStats';
import './TypedEdge.css';

export interface TypedEdgeData extends Record<string, unknown> {
  label: string;
  /** The edge is part of a validation issue (e.g. a type mismatch). */
  problem: string | null;
  known: boolean;
  /** This wire's tensor is the one plotted in the latent view. */
  probed?: boolean;
}

export type StudioFlowEdge = Edge<TypedEdgeData, 'typed'>;

function TypedEdgeView(props: EdgeProps<StudioFlowEdge>) {
  const { id, source, sourceHandleId, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const cls = ['typed-edge', selected ? 'is-selected' : '', data?.problem ? 'has-error' : '', data?.known ? '' : 'is-unknown', data?.probed ? 'is-probed' : ''].join(' ');
  // Between two close nodes the full label would hide under them; the shape alone still fits.
  const cramped = Math.abs(targetX - sourceX) < 170 && Math.abs(targetY - sourceY) < 60;
  const label = data?.label ?? '';
  const space = label.indexOf(' [');
  // a hovered wire shows its tensor's statistics once a run has measured them
  const [hovered, setHovered] = useState(false);
  return (
    <>
      <g onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
        <BaseEdge id={id} path={path} className={cls} markerEnd={markerEnd} interactionWidth={18} />
      </g>
      <EdgeLabelRenderer>
        <div
          className={`edge-label ${cls}${cramped ? ' is-cramped' : ''}`}
          data-testid={`edge-label-${id}`}
          title={data?.problem ?? (data?.probed ? `${label} — plotted in the latent space` : label)}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {space > 0 ? (
            <>
              <span className="edge-label__type">{label.slice(0, space + 1)}</span>
              {label.slice(space + 1)}
            </>
          ) : (
            label
          )}
        </div>
        {hovered && sourceHandleId && <WireStatsTip nodeId={source} port={sourceHandleId} x={labelX} y={labelY} />}
      </EdgeLabelRenderer>
    </>
  );
}

export const TypedEdge = memo(TypedEdgeView);
