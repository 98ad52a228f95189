'use client';
// The studio shell: owns the graph store, the autosave, the run store and the
// worker client, and lays out palette | canvas over the training views |
// inspector + run panel. The shell subscribes only to the run's state and
// issues; the views subscribe to their own events, so a training step never
// re-renders the canvas.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import './Studio.css';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { emptyGraph, type Graph } from '../../engine/graph';
import { presetGraph, type Preset } from '../../engine/presets';
import { hasRole } from '../../engine/spec';
import { getSpec } from '../../nodes/registry';
import type { BackendChoice, TrainOptions } from '../../workers/protocol';
import { indexIssues, structureKey, useAnalysis } from '../lib/analysis';
import { StudioContext, initialState, studioReducer } from '../lib/graph-store';
import { lossLabeller } from '../lib/loss-labels';
import type { SaveState } from '../lib/persist';
import { centered, freeSpot } from '../lib/placement';
import { ProbeContext, type Probe } from '../lib/probe';
import { RunStore } from '../lib/run-store';
import { useTrainerClient } from '../lib/use-trainer-client';
import { useRun } from '../lib/use-run';
import { useStepMode } from '../lib/use-step-mode';
import { Banner, type BannerInfo } from './Banner';
import { Canvas } from './Canvas';
import { BlockShelf } from './editor/BlockShelf';
import { Editor } from './editor/Editor';
import { FileActions } from './FileActions';
import { TorchExport } from './TorchExport';
import { LogoIcon } from './icons';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { PaletteDrawer } from './PaletteDrawer';
import { Dock } from './panels/Dock';
import type { Projection } from './panels/LatentPanel';
import { PresetMenu } from './PresetMenu';
import { RunPanel } from './RunPanel';
import { RunsFeature } from './runs/RunsFeature';
import { DataContext, useDatasetIds } from './data/data-context';
import { DataFeature } from './data/DataPanel';
import { useDataFeature } from './data/use-data-feature';
import { readDropped } from '../lib/share/figure';
import { rememberGraph } from '../lib/share/recent';
import { SkipLinks } from './SkipLinks';
import { ThemeToggle } from './theme/ThemeToggle';
import { Toast, type Notice } from './Toast';
import { WireStatsContext } from './WireStats';
import { useStudioStorage } from './use-studio-storage';
import { FigureGraphContext } from './teach/figure-graph';
import { TeachBar, useTeach } from './teach/TeachBar';
// Last: React Flow's own sheet comes after the component sheets, as it always has.
import '@xyflow/react/dist/style.css';

const SAVE_TEXT: Record<SaveState, string> = { idle: '', pending: 'Unsaved changes…', saving: 'Saving…', saved: 'Saved', error: 'Not saved' };

export function Studio() {
  return (
    <ReactFlowProvider>
      <StudioShell />
    </ReactFlowProvider>
  );
}

function StudioShell() {
  const [state, dispatch] = useReducer(studioReducer, undefined, () => initialState(emptyGraph()));
  const { graph } = state;
  const [banner, setBanner] = useState<BannerInfo | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const { ready, saveState, saveError, backend: chosenBackend, chooseBackend: onBackend } = useStudioStorage(graph, dispatch, setBanner);
  const classroom = graph.meta.classroom;
  const shows = (c: (typeof classroom.hideControls)[number]) => !classroom.hideControls.includes(c) && !(classroom.runOnly && (c === 'palette' || c === 'files' || c === 'presets' || c === 'data'));
  const backend = classroom.backend ?? chosenBackend;
  const rf = useReactFlow();
  const canvasBox = useRef<HTMLDivElement>(null);
  const noticeId = useRef(0);
  const analysis = useAnalysis(graph, useDatasetIds());
  const store = useMemo(() => ({ state, dispatch }), [state]);

  const runStore = useMemo(() => new RunStore(), []);
  const runState = useRun(runStore, (s) => s.state);
  const runIssues = useRun(runStore, (s) => s.issues);
  // The views describe the graph that trained (a queued preset), else the canvas's.
  const runGraph = useRun(runStore, (s) => s.graph);
  // Issues the worker reported describe the graph as it was when the run started.
  const structure = structureKey(graph);
  const getClient = useTrainerClient(ready, graph, structure, backend);
  const [dockOpen, setDockOpen] = useState(false);
  const [probe, setProbe] = useState<Probe | null>(null);
  const [projection, setProjection] = useState<Projection>('pca');

  const notify = useCallback((message: string, tone: Notice['tone'] = 'info', action?: Notice['action']) => {
    setNotice({ id: ++noticeId.current, message, tone, action });
  }, []);
  const closeNotice = useCallback(() => setNotice(null), []);
  const wireRefused = useCallback((m: string) => notify(m, 'error'), [notify]);

  useEffect(() => runStore.clearIssues(), [structure, runStore]);

  const nodeIssues = useMemo(() => {
    if (runIssues.length === 0) return analysis.byNode;
    const merged = new Map(analysis.byNode);
    for (const [id, list] of indexIssues(runIssues).byNode) merged.set(id, [...(merged.get(id) ?? []), ...list]);
    return merged;
  }, [analysis, runIssues]);

  const blocking = useMemo(() => analysis.issues.filter((i) => i.severity === 'error'), [analysis]);

  const addAtCenter = useCallback(
    (type: string) => {
      const box = canvasBox.current?.getBoundingClientRect();
      const center = box ? rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      dispatch({ type: 'addNode', nodeType: type, position: freeSpot(graph, centered(center)) });
    },
    [rf, graph],
  );

  // The probe names a port of the current graph: only a structural edit can invalidate it.
  const chooseProbe = useCallback(
    (p: Probe | null) => {
      setProbe(p);
      getClient().setProbe(p);
    },
    [getClient],
  );
  const clearProbe = useCallback(() => chooseProbe(null), [chooseProbe]);
  const probeChoice = useMemo(() => ({ probe, choose: chooseProbe }), [probe, chooseProbe]);
  const probeNodeGone = probe !== null && !graph.nodes.some((n) => n.id === probe.node);
  useEffect(() => {
    if (probeNodeGone) chooseProbe(null);
  }, [probeNodeGone, chooseProbe]);

  const chooseProjection = useCallback(
    (m: Projection) => {
      setProjection(m);
      getClient().setProjection(m);
    },
    [getClient],
  );

  const replaceGraph = useCallback(
    (next: Graph, message: string, fit = false) => {
      const previous = graph;
      // a port chosen for the latent plot belongs to the graph being replaced
      chooseProbe(null);
      dispatch({ type: 'replace', graph: next, fit });
      setBanner(null);
      const undo = previous.nodes.length > 0 ? { label: 'Undo', run: () => dispatch({ type: 'replace', graph: previous }) } : undefined;
      // the replaced graph stays one click away (Recent), whatever replaced it
      void rememberGraph(previous);
      notify(message, 'success', undo);
    },
    [graph, notify, chooseProbe],
  );

  const choosePreset = useCallback((p: Preset) => replaceGraph(presetGraph(p.name) ?? structuredClone(p.graph), `Loaded the “${p.title}” preset`, true), [replaceGraph]);

  const data = useDataFeature({ graph, replaceGraph, notify });
  const teach = useTeach({ ready, graph, replaceGraph, setBanner, notify, chooseProjection, onBackend, projection, backend });
  const importData = data.importData;

  const runsImport = useRef<((files: File[]) => void) | null>(null);
  // datasets (zip, npz, npy, csv) go to the Data panel's import, runs files to Runs;
  // a graph file or a figure carrying its graph replaces the canvas (Undo, Recent)
  const importFiles = useCallback(
    async (files: File[]) => {
      const runs: File[] = [];
      for (const file of files) {
        const d = await readDropped(file);
        if (d.kind === 'data') importData(file);
        else if (d.kind === 'runs') runs.push(file);
        else if (!d.read.ok) setBanner(d.read.problem);
        else {
          replaceGraph(d.read.graph, `Imported ${file.name}`);
          if (d.read.warning) setBanner(d.read.warning);
        }
      }
      if (runs.length) runsImport.current?.(runs);
    },
    [replaceGraph, importData],
  );
  const importFile = useCallback((file: File) => void importFiles([file]), [importFiles]);

  // Any graph, not only the canvas's: the run queue (Runs) trains presets through this too.
  const trainGraph = useCallback(
    (g: Graph, b: BackendChoice = backend, extra: Omit<TrainOptions, 'backend'> = {}) => {
      runStore.start(extra.steps ?? g.meta.train.steps, g);
      setDockOpen(true);
      return getClient()
        .train(g, { backend: b, ...extra }, runStore.handle)
        .then(
          () => runStore.settle(),
          (e: unknown) => runStore.fail((e as Error)?.message || String(e)),
        );
    },
    [backend, runStore, getClient],
  );
  const stepMode = useStepMode({ graph, runState, canTrain: blocking.length === 0, getClient, trainGraph });
  // the queue and imported weights train other graphs: canvas edits do not go to those runs
  const trainOther = useCallback((...a: Parameters<typeof trainGraph>) => (stepMode.otherRun(), trainGraph(...a)), [stepMode, trainGraph]);

  // Labels depend on node ids and types only: dragging a node must not hand the views a new function.
  const viewGraph = runGraph ?? graph;
  const labelNodes = viewGraph.nodes.map((n) => `${n.id}\u0000${n.type}`).join('\u0001');
  // viewGraph.nodes is read when labelNodes changes, which is exactly when the labels can change
  const labelFor = useMemo(() => lossLabeller(viewGraph.nodes.map((n) => ({ id: n.id, type: n.type }))), [labelNodes]);

  // Facts about the graph the views explain themselves with.
  const encoderId = viewGraph.nodes.find((n) => hasRole(getSpec(n.type), 'representation'))?.id;
  const projectorId = viewGraph.nodes.find((n) => hasRole(getSpec(n.type), 'projection'))?.id;
  const projectorHint = useMemo(
    () => (encoderId && projectorId ? { representation: `${encoderId}.out`, projector: `${projectorId}.out` } : null),
    [encoderId, projectorId],
  );
  const isVae = viewGraph.nodes.some((n) => hasRole(getSpec(n.type), 'prior-sample'));

  return (
    <StudioContext.Provider value={store}>
      <DataContext.Provider value={data.ctx}>
      <div className="studio">
        <SkipLinks />
        <header className="topbar">
          <div className="brand">
            <LogoIcon />
            <span>Latent Studio</span>
          </div>
          <span className="topbar__sep" />
          <span className="topbar__name" title={graph.meta.name}>
            {graph.meta.name}
          </span>
          <Editor canvasBox={canvasBox} analysis={analysis} notify={notify} />
          <TeachBar teach={teach} graph={graph} canShare={shows('share')} />
          <div className="topbar__actions">
            <RunsFeature
              hideButton={!shows('runs')}
              importRef={runsImport}
              getClient={getClient}
              runGraph={trainOther}
              graph={graph}
              canQueueCurrent={blocking.length === 0}
              backend={backend}
              notify={notify}
              onOpenGraph={(g, name) => replaceGraph(g, `Opened the graph of the run “${name}”`)}
            />
            {shows('data') && <DataFeature open={data.open} onOpen={data.setOpen} onUse={data.use} pickRequest={data.pickRequest} />}
            {shows('presets') && <PresetMenu onChoose={choosePreset} />}
            {shows('files') && <FileActions graph={graph} onNew={() => replaceGraph(emptyGraph(), 'Started a new, empty graph')} onImportFile={importFile} />}
            <ThemeToggle />
            {shows('export') && <TorchExport graph={graph} getClient={getClient} notify={notify} onImportRun={(g, tensors) => void trainOther(g, backend, { steps: 0, initialWeights: tensors })} />}
          </div>
          <span className={`save-state save-state--${saveState}`} data-testid="save-state" data-state={saveState} title={saveError ?? undefined}>
            {saveState === 'pending' ? (
              <>
                Unsaved<span className="save-state__wide"> changes</span>…
              </>
            ) : (
              SAVE_TEXT[saveState]
            )}
          </span>
        </header>
        <aside className="studio__palette" aria-label="Palette and blocks">
          {shows('palette') && (
            <PaletteDrawer>
              <Palette onAdd={addAtCenter} hidden={classroom.hideCategories} />
              <BlockShelf notify={notify} />
            </PaletteDrawer>
          )}
        </aside>
        <div className="studio__center">
          <main className="studio__canvas" ref={canvasBox} id="canvas" tabIndex={-1} aria-label="Canvas">
            <Banner banner={banner} onClose={() => setBanner(null)} />
            <Toast notice={notice} onClose={closeNotice} />
            {ready ? (
              <ProbeContext.Provider value={probeChoice}>
                <WireStatsContext.Provider value={runStore}>
                <Canvas analysis={analysis} nodeIssues={nodeIssues} onNotice={wireRefused} onDropFiles={importFiles} frameKey={dockOpen ? 'dock' : 'full'} />
                </WireStatsContext.Provider>
              </ProbeContext.Provider>
            ) : (
              <div className="canvas-loading">Restoring your last graph…</div>
            )}
          </main>
          <FigureGraphContext.Provider value={viewGraph}>
          <Dock
            store={runStore}
            open={dockOpen}
            onOpen={setDockOpen}
            labelFor={labelFor}
            probe={probe}
            onClearProbe={clearProbe}
            projection={projection}
            onProjection={chooseProjection}
            projectorHint={projectorHint}
            isVae={isVae}
            evalEvery={viewGraph.meta.train.evalEvery}
            evalAtEnd={viewGraph.meta.train.evalAtEnd}
            removed={classroom.hidePanels}
            fixedViews={classroom.fixedViews}
          />
          </FigureGraphContext.Provider>
        </div>
        <aside className={`studio__side${runState === 'idle' ? '' : ' has-run'}`} id="inspector" tabIndex={-1} aria-label="Inspector and training">
          {shows('inspector') && <Inspector analysis={analysis} nodeIssues={nodeIssues} runStore={runStore} />}
          <RunPanel
            store={runStore}
            backend={backend}
            onBackend={onBackend}
            backendFixed={classroom.backend !== null}
            blocking={blocking}
            onTrain={stepMode.train}
            onStep={stepMode.step}
            onPause={() => getClient().pause()}
            onResume={() => getClient().resume()}
            onStop={() => getClient().stop()}
          />
        </aside>
        {teach.dialog}
      </div>
      </DataContext.Provider>
    </StudioContext.Provider>
  );
}
