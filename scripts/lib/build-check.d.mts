// Types for build-check.mjs (shared by scripts/start.mjs, scripts/e2e.mjs and bench/browser.ts).
export declare const root: string;
export declare const nextBin: string;
/** Builds when .next is missing or older than the sources; resolves to the exit code. */
export declare function ensureBuild(): Promise<number>;
