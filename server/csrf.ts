// Cross-site request defence. State-changing requests and websocket upgrades are refused when
// the browser says they come from another site (Sec-Fetch-Site) or their Origin is not this
// server's own origin. SameSite=Lax session cookies are the second line.
import type { IncomingMessage } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The Origin header is present and is not this server's own origin. */
export function isForeignOrigin(req: IncomingMessage, trustProxy = false): boolean {
  const origin = req.headers.origin;
  if (!origin) return false; // Not a browser form/fetch/websocket (or a very old browser).
  if (origin === "null") return true;
  const forwardedHost = trustProxy
    ? (req.headers["x-forwarded-host"] as string | undefined)
    : undefined;
  const host = forwardedHost?.split(",")[0]?.trim() || req.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * A request from another site. Fetch Metadata decides when the browser sends it (all current
 * browsers do): it is exact even where Origin is "null" (a page with a no-referrer policy sends
 * that for its own forms). Otherwise the Origin header decides.
 */
export function isFromAnotherSite(req: IncomingMessage, trustProxy = false): boolean {
  const fetchSite = req.headers["sec-fetch-site"];
  if (typeof fetchSite === "string" && fetchSite !== "")
    return fetchSite !== "same-origin" && fetchSite !== "none";
  return isForeignOrigin(req, trustProxy);
}

/** A state-changing HTTP request from another site (reads are always let through). */
export function isCrossSiteRequest(req: IncomingMessage, trustProxy = false): boolean {
  if (SAFE_METHODS.has(req.method ?? "GET")) return false;
  return isFromAnotherSite(req, trustProxy);
}
