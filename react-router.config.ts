import type { Config } from "@react-router/dev/config";

// React Router 7 framework mode (Remix's continuation). Server-rendered; the custom server in
// server/index.ts mounts the build, so there is no remix.config.js.
export default {
  ssr: true,
  appDirectory: "app",
  buildDirectory: "build",
} satisfies Config;
