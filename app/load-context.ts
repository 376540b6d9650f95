// What the server (server/index.ts) hands every loader and action: the request id for logs,
// the validated session (once per request), the client's IP for rate limits, and the
// Content-Security-Policy nonce of this response (app/entry.server.tsx puts it on inline scripts).
import type { ValidSession } from "~/utils/session.server";

export type WerkplaatsLoadContext = {
  requestId: string;
  session: ValidSession | null;
  clientIp: string;
  /** The CSP nonce of this response (server/security-headers.ts); absent outside the server. */
  nonce?: string;
};

declare module "react-router" {
  interface AppLoadContext extends WerkplaatsLoadContext {}
}
