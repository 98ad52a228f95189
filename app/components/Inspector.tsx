'use client';
// The right-hand inspector: the selected node's documentation and parameters,
// the selected wire, or — with nothing selected — the graph itself (notes and
// training settings). Every form is generated from ParamDefs, so new node
// types need no UI work.
import { memo, useEffect, useRef, type CSSProperties } from 'react';
import type { GraphNode } from '../../engine/graph';
import { accepts } from '../../engine/spec';
import { formatType, type GraphIssue } from '../../engine/types';
import { getSpec } from '../../nodes/registry';
import type { StudioAnalysis } from '../lib/analysis';
import { CATEGORY_TITLE, categoryColor } from '../lib/categories';
import { isParamLocked, useStudio } from '../lib/graph-store';
import { LearnButton } from './teach/LearnButton';
import { checkParam } from '../lib/param-input';
import type { RunStore } from '../lib/run-store';
import { LockIcon, TrashIcon } from './icons';
import { NodeStats } from './panels/NodeStats';
import { StepStats } from './panels/StepStats';
import { GraphInspector } from './GraphInspector';
import { ParamField } from './ParamField';
import './Inspector.css';

interface InspectorProps {
  analysis: StudioAnalysis;
  nodeIssues: Map<string, GraphIssue[]>;
  /** For the selected node's live output statistics during and after a run. */
  runStore: RunStore;
}

function InspectorView({ analysis, nodeIssues, runStore }: InspectorProps) {
  const { state } = useStudio();
  const { graph, selectedNodes, selectedEdges } = state;
  const nodes = graph.nodes.filter((n) => selectedNodes.includes(n.id));
  const edges = graph.edges.filter((e) => selectedEdges.includes(e.id));

  // A newly selected node starts at its title, not at the previous node's scroll offset.
  const panel = useRef<HTMLElement>(null);
  const shown = [...selectedNodes, ...selectedEdges].join(' ');
  useEffect(() => {
    if (panel.current) panel.current.scrollTop = 0;
  }, [shown]);

  let body;
  if (nodes.length === 1 && edges.length === 0) body = <NodeInspector key={nodes[0].id} node={nodes[0]} analysis={analysis} issues={nodeIssues.get(nodes[0].id) ?? []} runStore={runStore} />;
  else if (nodes.length === 0 && edges.length === 1) body = <EdgeInspector key={edges[0].id} edgeId={edges[0].id} analysis={analysis} />;
  else if (nodes.length + edges.length > 1) body = <MultiInspector nodeIds={nodes.map((n) => n.id)} edgeIds={edges.map((e) => e.id)} />;
  else body = <GraphInspector analysis={analysis} />;

  return (
    <section ref={panel} className="inspector panel" aria-label="Inspector">
      {body}
    </section>
  );
}

/** Memoised: a run starting or ending re-renders the studio shell, not this form. */
export const Inspector = memo(InspectorView);

function DeleteButton({ nodeIds, edgeIds, disabled, label }: { nodeIds: string[]; edgeIds: string[]; disabled?: boolean; label: string }) {
  const { dispatch } = useStudio();
  return (
    <button type="button" className="btn btn--danger" disabled={disabled} onClick={() => dispatch({ type: 'remove', nodeIds, edgeIds })}>
      <TrashIcon /> {label}
    </button>
  );
}

function NodeInspector({ node, analysis, issues, runStore }: { node: GraphNode; analysis: StudioAnalysis; issues: GraphIssue[]; runStore: RunStore }) {
  const { state, dispatch } = useStudio();
  const spec = getSpec(node.type);
  const locked = state.graph.meta.locks.includes(node.id);
  if (!spec) {
    return (
      <div className="inspector__body">
        <h2 className="inspector__title">Unknown node “{node.type}”</h2>
        <p className="inspector__doc">This graph uses a node type this version of Latent Studio does not know. Delete it or open the graph in a newer version.</p>
        <DeleteButton nodeIds={[node.id]} edgeIds={[]} disabled={locked} label="Delete node" />
      </div>
    );
  }
  const outputs = analysis.outputs.get(node.id);
  const incoming = analysis.incoming.get(node.id);
  const choices = state.graph.nodes.flatMap((n) => {
    const s = n.id === node.id ? undefined : getSpec(n.type);
    return s ? [{ id: n.id, label: s.label, category: s.category }] : [];
  });
  return (
    <div className="inspector__body" style={{ '--accent': categoryColor(spec.category) } as CSSProperties}>
      <div className="inspector__kicker">
        <span className="pill">{CATEGORY_TITLE[spec.category] ?? spec.category}</span>
        <code className="inspector__id">{node.id}</code>
        {locked && (
          <span className="inspector__lock" title="Locked by the graph's author">
            <LockIcon /> locked
          </span>
        )}
      </div>
      <h2 className="inspector__title">{spec.label}</h2>
      <p className="inspector__doc">
        {spec.doc} <LearnButton type={node.type} />
      </p>

      {issues.length > 0 && (
        <ul className="inspector__issues">
          {issues.map((i, n) => (
            <li key={n} className={`issue issue--${i.severity}`}>
              {i.message}
            </li>
          ))}
        </ul>
      )}

      {(spec.inputs.length > 0 || spec.outputs.length > 0) && (
        <>
          <h3 className="inspector__h">Ports</h3>
          <table className="ports-table">
            <tbody>
              {spec.inputs.map((p) => {
                const e = incoming?.get(p.id);
                const t = e ? analysis.edgeTypes.get(e.id) : undefined;
                return (
                  <tr key={`in-${p.id}`}>
                    <td className="ports-table__dir">in</td>
                    <td>
                      {p.label}
                      {p.optional ? ' (optional)' : ''}
                    </td>
                    <td className="ports-table__type">{t ? formatType(t) : e ? 'connected' : `takes ${accepts(p).join(' or ')}`}</td>
                  </tr>
                );
              })}
              {spec.outputs.map((p) => {
                const t = outputs?.[p.id];
                return (
                  <tr key={`out-${p.id}`}>
                    <td className="ports-table__dir">out</td>
                    <td>{p.label}</td>
                    <td className="ports-table__type">{t ? formatType(t) : p.type}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      <StepStats store={runStore} nodeId={node.id} outputs={spec.outputs} />
      <NodeStats store={runStore} nodeId={node.id} outputs={spec.outputs} />

      {Object.keys(spec.params).length > 0 && <h3 className="inspector__h">Parameters</h3>}
      {locked && Object.keys(spec.params).length > 0 && <p className="inspector__note">This node is locked: its parameters are shown but cannot be changed.</p>}
      <div className="fields">
        {Object.entries(spec.params).map(([key, def]) => (
          <ParamField
            key={`${node.id}:${key}`}
            def={def}
            nodeChoices={choices}
            value={node.params[key] ?? def.default}
            disabled={isParamLocked(state.graph, node.id, key)}
            check={(v) => checkParam(key, def, v)}
            onCommit={(v) => dispatch({ type: 'setParam', nodeId: node.id, key, value: v })}
          />
        ))}
      </div>
      <div className="inspector__actions">
        <DeleteButton nodeIds={[node.id]} edgeIds={[]} disabled={locked} label="Delete node" />
      </div>
    </div>
  );
}

function portName(nodeId: string, port: string, graph: ReturnType<typeof useStudio>['state']['graph']): string {
  const n = graph.nodes.find((x) => x.id === nodeId);
  const spec = n ? getSpec(n.type) : undefined;
  return `${spec?.label ?? nodeId}.${port}`;
}

function EdgeInspector({ edgeId, analysis }: { edgeId: string; analysis: StudioAnalysis }) {
  const { state } = useStudio();
  const e = state.graph.edges.find((x) => x.id === edgeId);
  if (!e) return null;
  const t = analysis.edgeTypes.get(e.id);
  const problems = analysis.byEdge.get(e.id) ?? [];
  const locks = state.graph.meta.locks;
  return (
    <div className="inspector__body">
      <div className="inspector__kicker">
        <span className="pill">Connection</span>
        <code className="inspector__id">{e.id}</code>
      </div>
      <h2 className="inspector__title">
        {portName(e.from.node, e.from.port, state.graph)} → {portName(e.to.node, e.to.port, state.graph)}
      </h2>
      <p className="inspector__doc">{t ? `Carries ${formatType(t)}.` : 'Its shape is unknown until the nodes upstream are valid.'}</p>
      {problems.length > 0 && (
        <ul className="inspector__issues">
          {problems.map((i, n) => (
            <li key={n} className={`issue issue--${i.severity}`}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <div className="inspector__actions">
        <DeleteButton nodeIds={[]} edgeIds={[e.id]} disabled={locks.includes(e.from.node) && locks.includes(e.to.node)} label="Delete connection" />
      </div>
    </div>
  );
}

function MultiInspector({ nodeIds, edgeIds }: { nodeIds: string[]; edgeIds: string[] }) {
  const parts = [nodeIds.length ? `${nodeIds.length} node${nodeIds.length > 1 ? 's' : ''}` : '', edgeIds.length ? `${edgeIds.length} connection${edgeIds.length > 1 ? 's' : ''}` : ''].filter(Boolean);
  return (
    <div className="inspector__body">
      <h2 className="inspector__title">{parts.join(' and ')} selected</h2>
      <p className="inspector__doc">Select a single node to edit its parameters.</p>
      <div className="inspector__actions">
        <DeleteButton nodeIds={nodeIds} edgeIds={edgeIds} label="Delete selection" />
      </div>
    </div>
  );
}
