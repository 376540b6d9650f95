// What the server (server/index.ts) hands every loader and action: the request id for logs,
// the validated session (once per request), and the client's IP for rate limits.
import type { ValidSession } from "~/utils/session.server";

export type WerkplaatsLoadContext = {
  requestId: string;
  session: ValidSession | null;
  clientIp: string;
};

declare module "react-router" {
  interface AppLoadContext extends WerkplaatsLoadContext {}
}
