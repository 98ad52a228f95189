'use client';
// The palette's blocks: the built-in ones and "My blocks" (saved from a
// selection, or imported). A block is inserted expanded at the middle of the
// canvas (click or Enter), with its wires; My blocks can be exported as JSON
// and deleted.
import { slug } from '../../../engine/export/slug';
import { blockFile, parseBlockFile, type Block } from '../../lib/blocks/block';
import { downloadBlob } from '../../lib/download';
import { FilePicker } from '../FilePicker';
import { TrashIcon } from '../icons';
import { requestEditor } from './bridge';
import { useBlocks } from './use-blocks';

function BlockItem({ block, onExport, onDelete }: { block: Block; onExport?(): void; onDelete?(): void }) {
  return (
    <li className="block-shelf__row">
      <button
        type="button"
        className="palette__item block-shelf__item"
        aria-label={block.name}
        title={block.description}
        onClick={() => requestEditor('insert', { fragment: block.fragment, client: null, what: block.name })}
      >
        <span className="palette__name">{block.name}</span>
        <span className="palette__ports" aria-hidden="true">
          {block.fragment.nodes.length} node{block.fragment.nodes.length === 1 ? '' : 's'}
        </span>
      </button>
      {onExport && (
        <button type="button" className="btn btn--ghost btn--icon btn--small" aria-label={`Export ${block.name}`} title="Export as JSON" onClick={onExport}>
          ⤓
        </button>
      )}
      {onDelete && (
        <button type="button" className="btn btn--ghost btn--icon btn--small" aria-label={`Delete ${block.name}`} title="Delete this block" onClick={onDelete}>
          <TrashIcon />
        </button>
      )}
    </li>
  );
}

export function BlockShelf({ notify }: { notify(message: string, tone?: 'info' | 'error' | 'success'): void }) {
  const blocks = useBlocks();
  const importFile = async (file: File) => {
    const r = parseBlockFile(await file.text());
    if (!r.ok) return notify(`Could not import ${file.name}: ${r.reason}`, 'error');
    await blocks.save(r.block);
    notify(`Imported the block “${r.block.name}”`, 'success');
  };
  return (
    <section className="block-shelf" aria-label="Blocks">
      <h2 className="palette__title block-shelf__title">Blocks</h2>
      <ul>
        {blocks.builtIn.map((b) => (
          <BlockItem key={b.id} block={b} />
        ))}
      </ul>
      <h2 className="palette__title block-shelf__title" id="my-blocks">
        My blocks
      </h2>
      <ul aria-labelledby="my-blocks" data-testid="my-blocks">
        {blocks.mine.map((b) => (
          <BlockItem
            key={b.id}
            block={b}
            onExport={() => downloadBlob(new Blob([JSON.stringify(blockFile(b), null, 2) + '\n'], { type: 'application/json' }), `${slug(b.name)}.block.json`)}
            onDelete={() => void blocks.remove(b.id).then(() => notify(`Deleted the block “${b.name}”`))}
          />
        ))}
      </ul>
      {blocks.mine.length === 0 && <p className="palette__tip">Select nodes and choose Save as block in the top bar.</p>}
      <FilePicker className="btn btn--ghost btn--small block-shelf__import" inputLabel="Import block file" testId="block-import-input" onFile={(f) => void importFile(f)}>
        Import block…
      </FilePicker>
    </section>
  );
}
