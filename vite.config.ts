import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  build: { target: "es2022" },
  server: { hmr: true },
  // Server-only native module: keep the browser dependency scan away from it.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
});
