// Security headers of every response: a Content-Security-Policy with a fresh nonce per response
// (the inline scripts React Router and React write carry it), and the usual hardening headers.
// Why the policy is what it is: docs/decisions/015-content-security-policy.md.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export type SecurityMode = "production" | "development";

/** 128 random bits, base64: a new one for every response. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** A Host header we are willing to repeat in a header value (no spaces, semicolons, commas). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The policy. Production: scripts only from our origin and inline ones with the nonce; style
 * sheets only from our origin, style attributes allowed (the editor's tables and the documents'
 * rendered HTML carry them; see the decision note); websockets to our own host. Development (Vite
 * with hot reload injects scripts and styles without a nonce): a relaxed policy.
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  mode: SecurityMode;
  /** The host the browser addressed (for the explicit ws:/wss: sources); omitted when unsafe. */
  host?: string;
}): string {
  const host = options.host && SAFE_HOST.test(options.host) ? options.host : undefined;
  // 'self' covers ws:/wss: of the same host in CSP Level 3 browsers; older ones need it named.
  const sockets = host ? [`ws://${host}`, `wss://${host}`] : [];
  const common = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const directives: Record<string, string[]> =
    options.mode === "production"
      ? {
          ...common,
          "script-src": ["'self'", `'nonce-${options.nonce}'`],
          "style-src": ["'self'"],
          "style-src-attr": ["'unsafe-inline'"],
          "connect-src": ["'self'", ...sockets],
          "worker-src": ["'self'"],
          "manifest-src": ["'self'"],
        }
      : {
          ...common,
          "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "connect-src": ["'self'", "ws:", "wss:"],
          "worker-src": ["'self'", "blob:"],
        };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * Express middleware: sets the headers and, in production, leaves the nonce in
 * `res.locals.nonce` for the React Router load context (server/load-context.ts →
 * app/entry.server.tsx).
 */
export function securityHeaders(options: { mode: SecurityMode; behindProxy: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = newNonce();
    // Development's policy allows inline scripts without one: no nonce on the page there (a
    // nonce rendered by the server and absent in the browser trips React's hydration warnings).
    if (options.mode === "production") res.locals.nonce = nonce;
    const forwarded = options.behindProxy
      ? req.headers["x-forwarded-host"]?.toString().split(",")[0]?.trim()
      : undefined;
    res.setHeader(
      "Content-Security-Policy",
      contentSecurityPolicy({ nonce, mode: options.mode, host: forwarded || req.headers.host }),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    // Other sites get our origin at most, never a path (a reset link holds its token in the path).
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // No other window keeps a handle on ours; no other site embeds our responses.
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (options.mode === "production")
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
