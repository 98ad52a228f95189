'use client';
// One node on the canvas, drawn from its spec alone so any registered node
// type renders without UI changes. Problems are written on the node itself:
// a student looks at the box that is wrong, not at a list somewhere else.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useContext, type CSSProperties } from 'react';
import type { ParamDef } from '../../engine/params';
import { formatType, type GraphIssue, type TensorType } from '../../engine/types';
import type { AnyNodeSpec } from '../../nodes/registry';
import { categoryColor, portColor } from '../lib/categories';
import { formatParam } from '../lib/param-input';
import { isPlottable, useProbe } from '../lib/probe';
import { EyeIcon, LockIcon } from './icons';
import { DataContext } from './data/data-context';
import './FlowNode.css';

export interface FlowNodeData extends Record<string, unknown> {
  spec: AnyNodeSpec | undefined;
  nodeType: string;
  params: Record<string, unknown>;
  issues: GraphIssue[];
  locked: boolean;
  /** Inferred type of each output port, when inference succeeded. */
  outputs: Record<string, TensorType> | undefined;
  /** Inferred type arriving at each connected input port. */
  inputs: Record<string, TensorType>;
}

export type StudioFlowNode = Node<FlowNodeData, 'studio'>;

const SUMMARY_PARAMS = 3;

function summary(defs: Record<string, ParamDef>, params: Record<string, unknown>): [string, string][] {
  return Object.entries(defs)
    .slice(0, SUMMARY_PARAMS)
    .map(([k, d]) => [d.label, d.kind === 'boolean' ? ((params[k] ?? d.default) ? 'on' : 'off') : formatParam(d, params[k] ?? d.default) || '—']);
}

function FlowNodeView({ id, data, selected }: NodeProps<StudioFlowNode>) {
  const { spec, issues, locked } = data;
  const { probe, choose } = useProbe();
  const errors = issues.filter((i) => i.severity === 'error');
  const message = issues.map((i) => i.message).join('\n');
  const style = { '--accent': spec ? categoryColor(spec.category) : 'var(--danger)' } as CSSProperties;
  const cls = ['flow-node', selected ? 'is-selected' : '', errors.length ? 'has-error' : issues.length ? 'has-warning' : '', locked ? 'is-locked' : ''].join(' ');

  return (
    <div className={cls} style={style} data-testid={`node-${id}`} data-issue={message || undefined} data-category={spec?.category}>
      <header className="flow-node__header" title={`${spec?.label ?? data.nodeType} (${id})`}>
        <span className="flow-node__title">{spec?.label ?? data.nodeType}</span>
        {locked && (
          <span className="flow-node__lock" title="Locked: cannot be moved, edited or deleted" aria-label="locked">
            <LockIcon />
          </span>
        )}
      </header>
      {spec && (
        <div className="flow-node__ports">
          <div className="flow-node__col flow-node__col--in">
            {spec.inputs.map((p) => {
              const t = data.inputs[p.id];
              return (
                <div className="flow-node__port" key={p.id} title={`${p.label}: takes ${(p.accepts ?? [p.type]).join(' or ')}${t ? ` — receives ${formatType(t)}` : ''}${p.optional ? ' (optional)' : ''}`}>
                  <Handle type="target" position={Position.Left} id={p.id} className="flow-handle" style={{ '--port': portColor(p.type) } as CSSProperties} />
                  <span className="flow-node__port-label">
                    {p.label}
                    {p.optional && <span className="flow-node__optional">?</span>}
                  </span>
                </div>
              );
            })}
          </div>
          <div className="flow-node__col flow-node__col--out">
            {spec.outputs.map((p) => {
              const t = data.outputs?.[p.id];
              const probed = probe?.node === id && probe.port === p.id;
              // Clicking an output's name plots that tensor in the latent view (the handle itself stays for wiring).
              const plottable = t ? isPlottable(t) : p.type !== 'scalar' && p.type !== 'labels';
              return (
                <div className="flow-node__port flow-node__port--out" key={p.id} title={`${p.label}: ${t ? formatType(t) : p.type}${plottable ? ' — click to plot it in the latent space' : ''}`}>
                  {plottable ? (
                    <button
                      type="button"
                      className={`flow-node__port-label flow-node__probe${probed ? ' is-probed' : ''}`}
                      data-testid={`probe-${id}-${p.id}`}
                      aria-pressed={probed}
                      aria-label={`${p.label}: plot ${id}.${p.id} in the latent space`}
                      onClick={() => choose(probed ? null : { node: id, port: p.id })}
                    >
                      {probed && <EyeIcon />}
                      {p.label}
                    </button>
                  ) : (
                    <span className="flow-node__port-label">{p.label}</span>
                  )}
                  <Handle type="source" position={Position.Right} id={p.id} className="flow-handle" style={{ '--port': portColor(p.type) } as CSSProperties} />
                </div>
              );
            })}
          </div>
        </div>
      )}
      {spec && Object.keys(spec.params).length > 0 && (
        <dl className="flow-node__params">
          {summary(spec.params, data.params).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {issues.length > 0 && (
        <ul className="flow-node__issues">
          {issues.map((i, n) => (
            <li key={n} className={`issue issue--${i.severity}`}>
              {i.message}
              {i.code === 'no-dataset' && <ImportDataButton />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A node whose dataset is missing offers the import right where it says so. */
function ImportDataButton() {
  const data = useContext(DataContext);
  return data ? (
    <button type="button" className="btn btn--small nodrag" onClick={() => data.openPanel(true)}>
      Import data…
    </button>
  ) : null;
}

export const FlowNode = memo(FlowNodeView);
