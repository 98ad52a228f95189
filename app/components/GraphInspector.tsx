'use client';
// The inspector with nothing selected: the graph's name and notes, its training
// settings (generated from TRAIN_FIELDS) and where its batch size is set.
import { useState } from 'react';
import type { ParamDefs, ParamValues } from '../../engine/params';
import { getSpec } from '../../nodes/registry';
import type { StudioAnalysis } from '../lib/analysis';
import { useStudio } from '../lib/graph-store';
import { TRAIN_FIELDS, checkSetting } from '../lib/train-settings';
import { ParamField } from './ParamField';

export function GraphInspector({ analysis }: { analysis: StudioAnalysis }) {
  const { state, dispatch } = useStudio();
  const { graph } = state;
  const [editingNotes, setEditingNotes] = useState(false);
  const train = graph.meta.train;
  const dataNodes = graph.nodes.flatMap((n) => {
    const spec = getSpec(n.type);
    return spec?.data ? [{ node: n, spec }] : [];
  });

  return (
    <div className="inspector__body">
      <div className="inspector__kicker">
        <span className="pill">Graph</span>
      </div>
      <label className="inspector__name">
        <span className="sr-only">Graph name</span>
        <input
          type="text"
          value={graph.meta.name}
          maxLength={200}
          onChange={(e) => dispatch({ type: 'setMeta', key: 'name', value: e.target.value })}
          aria-label="Graph name"
          spellCheck={false}
        />
      </label>

      <div className="notes">
        {editingNotes ? (
          <textarea
            aria-label="Notes"
            value={graph.meta.notes}
            maxLength={20_000}
            rows={5}
            autoFocus
            onChange={(e) => dispatch({ type: 'setMeta', key: 'notes', value: e.target.value })}
            onBlur={() => setEditingNotes(false)}
          />
        ) : graph.meta.notes ? (
          <p className="inspector__doc notes__text" data-testid="graph-notes">
            {graph.meta.notes}
          </p>
        ) : (
          <p className="inspector__doc inspector__muted">No notes. Select a node to see its documentation and parameters.</p>
        )}
        {!editingNotes && (
          <button type="button" className="link-btn" onClick={() => setEditingNotes(true)}>
            {graph.meta.notes ? 'Edit notes' : 'Add notes'}
          </button>
        )}
      </div>

      {!graph.meta.classroom.hideControls.includes('settings') && <h3 className="inspector__h">Training</h3>}
      <div className="fields">
        {!graph.meta.classroom.hideControls.includes('settings') && TRAIN_FIELDS.map(({ key, def }) => (
          <ParamField
            key={`train:${key}`}
            def={def}
            disabled={graph.meta.classroom.runOnly}
            value={key === 'seed' ? graph.meta.seed : train[key]}
            check={(v) => checkSetting(key, def, v, train)}
            onCommit={(v) => dispatch(key === 'seed' ? { type: 'setMeta', key: 'seed', value: v as number } : { type: 'setTrain', key, value: v })}
          />
        ))}
      </div>

      <h3 className="inspector__h">Batch size</h3>
      {dataNodes.length === 0 ? (
        <p className="inspector__doc inspector__muted">The batch size is a parameter of the dataset node; add one from the palette.</p>
      ) : (
        <ul className="batch-list">
          {dataNodes.map(({ node, spec }) => {
            const parsed = analysis.params.get(node.id);
            const bs = spec.data && parsed ? spec.data.batchSize(parsed as ParamValues<ParamDefs>) : undefined;
            return (
              <li key={node.id}>
                <span>
                  {spec.label} <code>{node.id}</code>: {bs ?? '?'} per step
                </span>
                <button type="button" className="link-btn" onClick={() => dispatch({ type: 'select', nodeIds: [node.id], edgeIds: [] })}>
                  Edit
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
