// Bundles the CLI for the launcher: one file per entry and per lazily loaded part, so simtop
// starts by reading a few files instead of hundreds of modules (Ink, React, Yoga and their
// dependencies). Ink and React stay in a chunk of their own that only the dashboard and demos load.
import { rmSync } from "node:fs";
import { build } from "esbuild";

const out = new URL("../dist/bundle/", import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
await build({
  // inkFloor: the dashboard benchmark's least Ink program, bundled the same way for a fair floor.
  entryPoints: {
    main: "src/cli/cli.ts",
    cacheWorker: "src/cli/lab/cacheWorker.ts",
    inkFloor: "bench/inkFloor.tsx",
  },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  outdir: out,
  // Flat, so a worker's URL relative to the module that starts it holds in any chunk.
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  // React's production build: its development one is several times slower.
  define: { "process.env.NODE_ENV": '"production"' },
  // Ink loads React DevTools only when DEV=true is set; it is not installed.
  external: ["react-devtools-core"],
  // Some of the bundled CommonJS modules require() Node's own modules.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
});
