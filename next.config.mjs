/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  typescript: {
    // `npm test` runs `tsc --noEmit` over the whole project (npm run typecheck) before it
    // builds; skipping Next's second, identical pass keeps `next build` fast on CI.
    ignoreBuildErrors: true,
  },
  // Cross-origin isolation: SharedArrayBuffer, and with it tfjs's threaded wasm binary (one
  // thread per core), exists only on an isolated page. The app loads nothing from other
  // origins, so require-corp blocks nothing. The worker still checks self.crossOriginIsolated
  // and runs single-threaded where a host drops these headers.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
        ],
      },
    ];
  },
};

// `npm run build:static` (scripts/build-static.mjs) sets LATENT_STATIC=1: the app is exported
// as static files into out/ for hosting without a Node server, and registers the offline
// service worker. Kept apart from the config above so `npm start`'s build is unaffected.
// A static host sends no custom headers: the service worker adds COOP/COEP there instead of
// any `headers()` above, which an export cannot apply.
if (process.env.LATENT_STATIC === '1') {
  Object.assign(nextConfig, { output: 'export', env: { NEXT_PUBLIC_LATENT_STATIC: '1' } });
  delete nextConfig.headers;
}

export default nextConfig;
