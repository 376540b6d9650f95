// Builds the React Router load context for one request: validates the session cookie once,
// slides its expiry (re-sending the cookie) and clears a cookie that no longer names a session.
// Passes on the response's CSP nonce (server/security-headers.ts).
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { WerkplaatsLoadContext } from "~/load-context";
import {
  clearSessionCookie,
  readSessionToken,
  sessionCookie,
  type ValidSession,
  validateSessionToken,
} from "~/utils/session.server";

export async function buildLoadContext(
  req: ExpressRequest,
  res: ExpressResponse,
): Promise<WerkplaatsLoadContext> {
  const token = readSessionToken(req.headers.cookie);
  // Looked up already by the rate limit of state-changing requests (server/request-limits.ts).
  const session: ValidSession | null =
    "session" in res.locals
      ? (res.locals.session as ValidSession | null)
      : token
        ? await validateSessionToken(token)
        : null;
  if (token && !session) res.append("Set-Cookie", clearSessionCookie());
  if (token && session?.renewed) res.append("Set-Cookie", sessionCookie(token, session.expiresAt));
  return {
    requestId: String(req.id),
    session,
    clientIp: req.ip ?? req.socket.remoteAddress ?? "",
    nonce: typeof res.locals.nonce === "string" ? res.locals.nonce : undefined,
  };
}
