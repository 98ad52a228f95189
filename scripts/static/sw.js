// The static build's service worker (scripts/build-static.mjs writes it to out/sw.js with the
// precache manifest filled in). Workbox precaches every file of the build (the app, the MNIST
// asset, the tfjs wasm binaries), so after one visit the studio opens, trains and records runs
// with the network off. Every response it serves gets COOP/COEP, so a plain static server
// still gives a cross-origin isolated page (SharedArrayBuffer for wasm threads).
/* global importScripts, workbox */
importScripts('/workbox/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: '/workbox/', debug: false });

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

function isolated(response) {
  // opaque responses cannot be rewritten (and a same-origin app makes none)
  if (!response || response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const isolation = { handlerWillRespond: async ({ response }) => isolated(response) };

workbox.core.skipWaiting();
workbox.core.clientsClaim();
workbox.precaching.addPlugins([isolation]);
workbox.precaching.cleanupOutdatedCaches();
// `?_rsc=` and cache-busting queries name the same file; `/bench` is bench.html
workbox.precaching.precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], cleanURLs: true, directoryIndex: 'index.html' });
// anything not in the build (nothing, normally) comes from the network, isolated too
workbox.routing.setDefaultHandler(new workbox.strategies.NetworkOnly({ plugins: [isolation] }));
