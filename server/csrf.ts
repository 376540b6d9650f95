// CSRF defence for state-changing requests: refuse when the browser says the request is
// cross-site (Sec-Fetch-Site) or when its Origin is not this server's own origin.
// SameSite=Lax session cookies are the second line.
import type { IncomingMessage } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(req: IncomingMessage, trustProxy = false): boolean {
  if (SAFE_METHODS.has(req.method ?? "GET")) return false;
  const fetchSite = req.headers["sec-fetch-site"];
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = req.headers.origin;
  if (!origin) return false; // Not a browser form/fetch (or a very old browser): SameSite=Lax covers it.
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
