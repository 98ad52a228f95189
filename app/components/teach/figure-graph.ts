'use client';
// The graph the training views describe (the run's, else the canvas's), for
// the views' PNG exports to embed.
import { createContext, useContext } from 'react';
import type { Graph } from '../../../engine/graph';

export const FigureGraphContext = createContext<Graph | null>(null);

export const useFigureGraph = () => useContext(FigureGraphContext);
