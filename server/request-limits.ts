// Rate limits the server applies before a request reaches the app: every state-changing HTTP
// request (per signed-in person, else per IP address; app/utils/rate-limit.server.ts counts, in
// Redis when there are several nodes), and websocket upgrades per IP address (in memory, before
// the session is looked up: a cheap guard for the database).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { NextFunction, Request, Response } from "express";
import { resolveLocale, translator } from "~/i18n";
import { consumeMutation } from "~/utils/rate-limit.server";
import { readSessionToken, validateSessionToken } from "~/utils/session.server";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Express middleware: counts every request that is not a GET or HEAD and answers 429 with
 * Retry-After and a Dutch or English message once the budget is spent. The session it looks up
 * is left in `res.locals.session` for the load context (looked up once per request).
 *
 * React Router's browser client turns the 429 of a form it submitted into an error response that
 * the root error boundary shows, with the message and a button to send the same form again
 * (app/root.tsx); a `.data` request gets the message as JSON for that. A plain form post (no
 * JavaScript) gets the message as text; the browser's Back button returns to the filled form.
 */
export function limitMutations() {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    try {
      const token = readSessionToken(req.headers.cookie);
      const session = token ? await validateSessionToken(token) : null;
      res.locals.session = session;
      const decision = await consumeMutation(
        session ? { userId: session.user.id } : { ip: req.ip ?? req.socket.remoteAddress ?? "" },
      ).catch((error: unknown) => {
        // The limiter itself failed (it has a memory stand-in for Redis, so this is a bug):
        // serving the request is better than refusing everybody.
        req.log?.error({ err: error }, "rate limiter failed; request let through");
        return { allowed: true as const };
      });
      if (decision.allowed) return next();
      req.log?.warn(
        { userId: session?.user.id, retryAfter: decision.retryAfterSeconds },
        "rate limit: state-changing request refused",
      );
      const t = translator(resolveLocale(req.headers.cookie ?? null, session?.user.locale));
      const message = t("server.tooManyRequests", { seconds: decision.retryAfterSeconds });
      res.status(429).setHeader("Retry-After", String(decision.retryAfterSeconds));
      res.setHeader("Cache-Control", "no-store");
      if (req.path.endsWith(".data"))
        res.json({ message, retryAfterSeconds: decision.retryAfterSeconds });
      else res.type("text/plain; charset=utf-8").send(message);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The client's address as Express sees it with `trust proxy` set to a hop count: the socket's
 * peer, then X-Forwarded-For from right to left, believing `hops` proxies.
 */
export function clientIpOf(req: IncomingMessage, hops: number): string {
  const chain = [req.socket.remoteAddress ?? ""];
  if (hops > 0) {
    const forwarded = req.headers["x-forwarded-for"];
    const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    chain.push(...list.reverse());
  }
  return chain[Math.min(hops, chain.length - 1)] ?? "";
}

/** A fixed one-minute window per key, in memory; `perMinute` 0 allows everything. */
export class PerMinuteLimit {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(
    private readonly perMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (this.perMinute <= 0) return { allowed: true };
    const now = Date.now();
    if (now - this.windowStart >= this.windowMs) {
      // Memory stays bounded by the addresses seen in one window.
      this.counts.clear();
      this.windowStart = now;
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.perMinute) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)),
    };
  }
}

/** Answers an upgrade request with 429 and Retry-After, and closes the socket. */
export function refuseUpgrade(socket: Duplex, retryAfterSeconds: number) {
  if (!socket.writable) return socket.destroy();
  const text = "Too Many Requests";
  socket.end(
    `HTTP/1.1 429 ${text}\r\nRetry-After: ${retryAfterSeconds}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}
