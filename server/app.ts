// The Express app: request logging with ids, security headers (CSP with a nonce per response),
// CSRF origin check, rate limits on mutating requests, static files
// and the React Router request handler (Vite middleware in development, the build in production).
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { pinoHttp } from "pino-http";
import type { ServerBuild } from "react-router";
import { resolveLocale, translator } from "~/i18n";
import { isCrossSiteRequest } from "./csrf";
import { buildLoadContext } from "./load-context";
import type { Logger } from "./logger";
import { limitMutations } from "./request-limits";
import { securityHeaders } from "./security-headers";

export type AppMode = "production" | "development";

/** Largest request body accepted (forms and their fields). */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * The one page that takes an upload (an edition's cover image, at most 5 MiB; the model says
 * so in Dutch when it is larger): its body may be a little over that.
 */
export const MAX_UPLOAD_BODY_BYTES = 6 * 1024 * 1024;
const UPLOAD_PATH = /^\/communities\/[^/]+\/manage\/magazine\/[^/]+\/?$/;

/** Request URLs for the log, without secrets: password reset tokens are cut out. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/(\/reset-password\/)[^/?#]+/, "$1[redacted]");
}

export async function createApp(opts: {
  mode: AppMode;
  root: string;
  logger: Logger;
  httpServer: Server;
  /** Hop count of trusted reverse proxies (0: none). */
  trustProxy: number;
}) {
  const { mode, root, logger, httpServer } = opts;
  const app = express();
  app.disable("x-powered-by");
  // A hop count, never `true` (which would believe any client-sent X-Forwarded-For).
  app.set("trust proxy", opts.trustProxy);
  const behindProxy = opts.trustProxy > 0;
  const tFor = (req: express.Request) => translator(resolveLocale(req.headers.cookie ?? null));

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id =
          typeof incoming === "string" && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: {
        ignore: (req) =>
          req.url?.startsWith("/assets/") === true || req.url?.startsWith("/@") === true,
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use(securityHeaders({ mode, behindProxy }));

  app.use((req, res, next) => {
    if (!isCrossSiteRequest(req, behindProxy)) return next();
    req.log.warn(
      { origin: req.headers.origin, fetchSite: req.headers["sec-fetch-site"] },
      "cross-site request refused",
    );
    res.status(403).type("text/plain; charset=utf-8").send(tFor(req)("server.crossSite"));
  });

  // A malformed percent-encoding in the path ("/subgroups/%E0%A4%A") cannot be routed: say so,
  // rather than letting the router's decoding fail into a 500.
  app.use((req, res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      return res.status(400).type("text/plain; charset=utf-8").send(tFor(req)("server.badUrl"));
    }
    next();
  });

  // Forms here are small: refuse large bodies before anything reads them into memory.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const length = req.headers["content-length"];
    if (length === undefined && req.headers["transfer-encoding"]) {
      return res
        .status(411)
        .type("text/plain; charset=utf-8")
        .send(tFor(req)("server.lengthRequired"));
    }
    const limit = UPLOAD_PATH.test(req.path) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
    if (Number(length) > limit) {
      return res.status(413).type("text/plain; charset=utf-8").send(tFor(req)("server.tooLarge"));
    }
    next();
  });

  // Every state-changing request counts against a budget (per person, else per IP address).
  app.use(limitMutations());

  app.use(compression());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeDev: (() => Promise<void>) | undefined;
  if (mode === "development") {
    const vite = await import("vite");
    const devServer = await vite.createServer({
      root,
      server: { middlewareMode: true, hmr: { server: httpServer } },
      appType: "custom",
    });
    app.use(devServer.middlewares);
    build = () =>
      devServer.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
    closeDev = () => devServer.close();
  } else {
    const client = path.join(root, "build/client");
    // Hashed file names never change content: cache them for a year.
    app.use(
      "/assets",
      express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y", index: false }),
    );
    app.use(express.static(client, { maxAge: "1h", index: false }));
    build = (await import(
      pathToFileURL(path.join(root, "build/server/index.js")).href
    )) as ServerBuild;
  }

  app.all(
    "/{*splat}",
    createRequestHandler({ build, mode, getLoadContext: (req, res) => buildLoadContext(req, res) }),
  );

  app.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      req.log?.error({ err: error }, "unhandled request error");
      if (res.headersSent) return res.end();
      res.status(500).type("text/plain; charset=utf-8").send(tFor(req)("server.error"));
    },
  );

  return { app, closeDev };
}
