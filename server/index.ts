// The one entry: one http.Server on one port for the React Router app (Express) and the
// websocket sync server (/collab/<room>). Applies migrations, seeds the demo community, and
// shuts down gracefully on SIGTERM/SIGINT.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { resolveDatabase } from "~/lib/database-url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "~/models/seed.server";
import { db, prepareDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { type AppMode, createApp } from "./app";
import { createCollabServer } from "./collab";
import { logger } from "./logger";
import { applyMigrations } from "./migrate";

export type RunningServer = {
  url: string;
  port: number;
  httpServer: http.Server;
  close(): Promise<void>;
};

export async function startServer(
  options: { mode?: AppMode; port?: number; host?: string; root?: string } = {},
): Promise<RunningServer> {
  const env = getEnv();
  const mode: AppMode =
    options.mode ?? (env.NODE_ENV === "production" ? "production" : "development");
  const root = options.root ?? process.cwd();
  const target = resolveDatabase();
  logger.info({ provider: target.provider, mode }, "starting Werkplaats");

  await applyMigrations(root, logger);
  await prepareDb(db, target);
  if (env.SEED_DEMO) {
    const { created } = await seedDemo(db, { log: (msg) => logger.info(msg) });
    if (created) logger.info("demo community seeded");
  }

  const httpServer = http.createServer();
  const collab = createCollabServer(logger);
  const { app, closeDev } = await createApp({
    mode,
    root,
    logger,
    httpServer,
    trustProxy: env.TRUST_PROXY,
  });
  httpServer.on("request", app);
  // Our upgrade listener only takes /collab/*; anything else (Vite HMR) is left to other listeners.
  httpServer.on("upgrade", (req, socket, head) => {
    const handled = collab.handleUpgrade(req, socket, head);
    if (!handled && mode === "production") socket.destroy();
  });
  httpServer.headersTimeout = 30_000;
  httpServer.requestTimeout = 60_000;

  const port = options.port ?? env.PORT;
  const host = options.host ?? env.HOST;
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  const displayHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const url = `http://${displayHost}:${actualPort}`;
  logger.info({ url }, "Werkplaats is listening");

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info("shutting down: no new connections, finishing requests");
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await collab.close();
      const forced = setTimeout(() => httpServer.closeAllConnections(), 10_000);
      await httpClosed;
      clearTimeout(forced);
      await closeDev?.();
      await db.$disconnect();
      logger.info("shut down cleanly");
    })();
    return closing;
  };

  return { url, port: actualPort, httpServer, close };
}

function printDemoAccounts(url: string) {
  const lines = DEMO_ACCOUNTS.map(
    (a) => `  ${a.email.padEnd(42)} ${a.role}${a.theme ? ` (${a.theme})` : ""}`,
  );
  process.stdout.write(
    `\nWerkplaats runs at ${url}\nDemo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join("\n")}\n\n`,
  );
}

/** Starts the server from the environment and installs signal handlers (server/main.ts). */
export async function main() {
  let server: RunningServer;
  try {
    server = await startServer();
  } catch (error) {
    logger.fatal({ err: error }, "Werkplaats could not start");
    process.exit(1);
  }
  if (getEnv().SEED_DEMO) printDemoAccounts(server.url);
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    logger.info({ signal }, "signal received");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error during shutdown");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
