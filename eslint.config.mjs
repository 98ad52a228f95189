// Flat config (ESLint 9 + typescript-eslint 8). The import-boundary rules enforce the
// folder table in ARCHITECTURE.md and stay errors; style rules are warnings.
// Imports in this project are relative ('../engine/spec'), so the patterns match any
// number of leading ../ segments.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const R = '@typescript-eslint/no-restricted-imports';

// ---- reusable restrictions (patterns for @typescript-eslint/no-restricted-imports) ----
const tfjsRuntime = (why) => ({
  group: ['@tensorflow/*', '@tensorflow/**'],
  allowTypeImports: true,
  message: `${why} Use \`import type\` for tfjs types.`,
});
const engineRuntime = (why) => ({ group: ['**/engine/runtime', '**/engine/runtime/**'], message: why });
const react = (why) => ({ group: ['react', 'react/**', 'react-dom', 'react-dom/**'], message: why });
const xyflow = (why) => ({ group: ['@xyflow/*', '@xyflow/**'], message: why });
const comlink = (why) => ({ group: ['comlink', 'comlink/**'], message: why });
const appDir = (why) => ({ group: ['**/app', '**/app/**'], message: why });
const workersDir = (why) => ({ group: ['**/workers', '**/workers/**'], message: why });

const ENGINE_PURE =
  'engine/ is UI-free: it runs the same in Node (tests, CLI, benchmarks) and in the training worker, so it never touches React, the canvas, Comlink, app/ or workers/.';
const NODES_PURE =
  'nodes/ holds node specs that the UI loads on the main thread for the palette, inspector and shape inference; the tensor library is injected as ctx.tf, so nodes/ never imports tfjs at runtime, React, @xyflow, Comlink, app/, workers/ or engine/runtime.';

const TESTS = '**/*.test.ts';
const nodesOther = [
  react(NODES_PURE),
  xyflow(NODES_PURE),
  comlink(NODES_PURE),
  appDir(NODES_PURE),
  workersDir(NODES_PURE),
  engineRuntime(NODES_PURE),
];
const engineOther = [react(ENGINE_PURE), xyflow(ENGINE_PURE), comlink(ENGINE_PURE), appDir(ENGINE_PURE), workersDir(ENGINE_PURE)];

// A dynamic import() or require() of tfjs would slip past no-restricted-imports.
const noDynamicTfjs = (why) => [
  'error',
  { selector: "ImportExpression[source.value=/^@tensorflow\\u002F/]", message: why },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^@tensorflow\\u002F/]", message: why },
];

export default defineConfig(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'public/**',
      'test-results/**',
      'playwright-report/**',
      'out/**',
      'bench/out/**',
      'next-env.d.ts',
      '**/*.d.ts',
    ],
  },
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // Style rules: warn, never block (ML code legitimately needs escape hatches).
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/ban-ts-comment': 'warn',
      '@typescript-eslint/no-empty-object-type': 'warn',
      '@typescript-eslint/no-unsafe-function-type': 'warn',
      '@typescript-eslint/no-require-imports': 'warn',
      '@typescript-eslint/no-this-alias': 'warn',
      'prefer-const': 'warn',
    },
  },

  // ---------------- import boundaries (errors) ----------------
  {
    files: ['app/**'],
    rules: {
      [R]: [
        'error',
        {
          patterns: [
            tfjsRuntime('Training stays off the main thread: app/ must not load TensorFlow.js; the trainer worker runs it.'),
            engineRuntime('Training stays off the main thread: engine/runtime (the tfjs train loop) runs in workers/, not in app/.'),
            {
              group: ['**/workers/*.worker', '**/workers/*.worker.*', '**/*.worker', '**/*.worker.ts'],
              message:
                "Start the trainer with new Worker(new URL('../workers/trainer.worker.ts', import.meta.url)) and talk to it through Comlink; importing the worker module would run it on the main thread. app/ imports only types from workers/protocol.",
            },
          ],
        },
      ],
      'no-restricted-syntax': noDynamicTfjs('Training stays off the main thread: app/ must not load TensorFlow.js, even lazily.'),
    },
  },
  {
    files: ['nodes/**'],
    ignores: [TESTS],
    rules: {
      [R]: ['error', { patterns: [tfjsRuntime(NODES_PURE), ...nodesOther] }],
      'no-restricted-syntax': noDynamicTfjs(NODES_PURE),
    },
  },
  {
    // Tests run in Node, never in the UI bundle: they may load tfjs (e.g. the registry test
    // runs every node's build on the cpu backend). The other boundaries still hold.
    files: ['nodes/**/*.test.ts'],
    rules: { [R]: ['error', { patterns: nodesOther }] },
  },
  {
    files: ['engine/**'],
    ignores: ['engine/runtime/**', TESTS],
    rules: {
      [R]: [
        'error',
        {
          patterns: [
            tfjsRuntime(
              'Only engine/runtime/** may load TensorFlow.js at runtime; the rest of engine/ (schema, validate, infer, compile) is tensor-free so the UI can import it on the main thread.',
            ),
            ...engineOther,
          ],
        },
      ],
      'no-restricted-syntax': noDynamicTfjs(
        'Only engine/runtime/** may load TensorFlow.js at runtime; the rest of engine/ is tensor-free so the UI can import it.',
      ),
    },
  },
  {
    // engine/runtime/** and all engine tests (Node only) may load tfjs.
    files: ['engine/runtime/**', 'engine/**/*.test.ts'],
    rules: { [R]: ['error', { patterns: engineOther }] },
  },
  {
    files: ['workers/**'],
    rules: {
      [R]: [
        'error',
        {
          patterns: [
            react('workers/ runs in a Web Worker: no DOM, no React.'),
            appDir('workers/ must not depend on the UI (app/); the UI depends on workers/protocol types instead.'),
          ],
        },
      ],
    },
  },
);
