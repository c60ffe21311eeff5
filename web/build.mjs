// Bundles the front-end into service/web/static/build/, which the service serves (git ignores
// it; `make assets` rebuilds it). The pages' GraphQL documents are imported as text from
// service/web/queries/, the same files the server runs and a test validates.
import { build } from "esbuild";

const out = new URL("../service/web/static/build/", import.meta.url).pathname;
const common = {
  bundle: true,
  minify: true,
  sourcemap: "linked",
  target: "es2020",
  loader: { ".graphql": "text" },
  logLevel: "warning",
  legalComments: "linked",
};

await build({
  ...common,
  entryPoints: ["src/search.ts", "src/profile.ts", "src/explorer.ts"],
  outdir: out,
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
await build({
  ...common,
  entryPoints: ["src/graphiql.tsx"],
  outdir: out,
  format: "iife",
  define: { "process.env.NODE_ENV": '"production"' },
});
