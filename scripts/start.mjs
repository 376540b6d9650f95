// `npm start`: builds when the build is missing or older than the sources, then runs the
// production server (which applies migrations and seeds the demo community by itself).
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "build/node/main.js");

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  ...["app", "server", "prisma", "public"].map((d) => newestMtime(path.join(root, d))),
  ...["package.json", "vite.config.ts", "react-router.config.ts"].map(
    (f) => fs.statSync(path.join(root, f)).mtimeMs,
  ),
);
const built =
  fs.existsSync(entry) && fs.existsSync(path.join(root, "build/server/index.js"))
    ? fs.statSync(entry).mtimeMs
    : 0;
if (built < sources) {
  console.log("Building Werkplaats (first start or changed sources)…");
  execSync("npm run build", { cwd: root, stdio: "inherit" });
}

const child = spawn(process.execPath, ["--enable-source-maps", entry], {
  cwd: root,
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env },
});
// SIGTERM (systemd, kill) is passed on. Ctrl+C's SIGINT already reaches the whole process
// group, the server included, so it is not sent a second time; this script just waits.
process.on("SIGTERM", () => child.kill("SIGTERM"));
process.on("SIGINT", () => {});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
