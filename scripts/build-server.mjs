// Bundles the server entry (server/main.ts and the app modules it uses) into build/node/main.js.
// Packages stay external (installed in node_modules); the React Router build is loaded at run time.
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "build/node/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
console.log("built build/node/main.js");
