'use client';
// The teaching controls in the top bar: Share (with its classroom flags),
// Recent graphs and the classroom badge; and the hook that opens share links.
// Studio passes in what it owns (replacing the graph, the banner, the toast,
// the views); this file keeps the share feature's own state.
import { useCallback, useState, type ReactNode } from 'react';
import type { Graph } from '../../../engine/graph';
import type { BackendChoice } from '../../../workers/protocol';
import { isViewIds, type LinkViews, type SharePayload } from '../../lib/share/link';
import { readPersisted, writePersisted } from '../../lib/use-persisted';
import type { BannerInfo } from '../Banner';
import { downloadGraph } from '../FileActions';
import type { Projection } from '../panels/LatentPanel';
import type { Notice } from '../Toast';
import { ClassroomBadge } from './ClassroomBadge';
import { RecentMenu } from './RecentMenu';
import { ShareDialog } from './ShareDialog';
import { TourPanel } from './TourPanel';
import { useShareLink } from './use-share-link';

interface TeachDeps {
  ready: boolean;
  graph: Graph;
  replaceGraph(g: Graph, message: string): void;
  setBanner(b: BannerInfo | null): void;
  notify(message: string, tone?: Notice['tone'], action?: Notice['action']): void;
  chooseProjection(p: Projection): void;
  onBackend(b: BackendChoice): void;
  projection: Projection;
  backend: BackendChoice;
}

const HIDDEN_VIEWS_KEY = 'views.hidden';

export function useTeach({ ready, graph, replaceGraph, setBanner, notify, chooseProjection, onBackend, projection, backend }: TeachDeps) {
  const [sharing, setSharing] = useState(false);
  const [touring, setTouring] = useState(false);

  const open = useCallback(
    (p: SharePayload, renamed: number) => {
      replaceGraph(p.graph, `Opened the shared graph “${p.graph.meta.name}”. Your own graph is kept under Recent.`);
      writePersisted(HIDDEN_VIEWS_KEY, p.views.hidden);
      chooseProjection(p.views.projection);
      if (p.backend) onBackend(p.backend);
      if (renamed) setBanner({ tone: 'warning', title: `The shared graph used ${renamed} id${renamed > 1 ? 's' : ''} that did not fit the id pattern; ${renamed > 1 ? 'they were' : 'it was'} renamed.`, lines: [] });
    },
    [replaceGraph, chooseProjection, onBackend, setBanner],
  );
  const fail = useCallback((title: string, lines: string[]) => setBanner({ tone: 'error', title, lines }), [setBanner]);
  useShareLink(ready, open, fail);

  const views = (): LinkViews => {
    const hidden = readPersisted(HIDDEN_VIEWS_KEY);
    return { hidden: isViewIds(hidden) ? hidden : [], projection };
  };

  const tour: ReactNode = touring ? (
    <TourPanel
      graph={graph}
      onApply={(g, label) => replaceGraph(g, `Applied “${label}”: train again and compare with the run before.`)}
      onError={(m) => notify(m, 'error')}
      onClose={() => setTouring(false)}
    />
  ) : null;

  const dialog: ReactNode = sharing ? (
    <ShareDialog
      graph={graph}
      views={views()}
      backend={backend}
      onExportFile={() => downloadGraph(graph)}
      onCopied={(ok) => notify(ok ? 'Link copied: paste it where your students will open it.' : 'The browser refused the clipboard: select the link and copy it.', ok ? 'success' : 'error')}
      onClose={() => setSharing(false)}
    />
  ) : null;

  return { dialog: <>{dialog}{tour}</>, touring, openTour: () => setTouring(true), openShare: () => setSharing(true), openRecent: (g: Graph, name: string) => replaceGraph(g, `Opened “${name}” from Recent`) };
}

export function TeachBar({ teach, graph, canShare }: { teach: ReturnType<typeof useTeach>; graph: Graph; canShare: boolean }) {
  return (
    <>
      <ClassroomBadge graph={graph} />
      <RecentMenu onOpen={teach.openRecent} />
      {(graph.meta.tour || !graph.meta.classroom.runOnly) && (
        <button type="button" className={`btn${teach.touring ? ' is-active' : ''}`} onClick={teach.openTour} disabled={teach.touring} title={graph.meta.tour ? `Guided tour: ${graph.meta.tour.title}` : 'Write a guided tour of this graph for your students'}>
          {graph.meta.tour ? 'Tour' : 'Write tour'}
        </button>
      )}
      {canShare && (
        <button type="button" className="btn" onClick={teach.openShare}>
          Share
        </button>
      )}
    </>
  );
}
