// The one entry: one http.Server on one port for the React Router app (Express) and the
// websocket sync server (/collab/<room>). Applies migrations, seeds the demo community, and
// shuts down gracefully on SIGTERM/SIGINT.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { resolveDatabase } from "~/lib/database-url";
import { startEmailScheduler } from "~/models/email-queue.server";
import { queueDueReminders } from "~/models/reminders.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "~/models/seed.server";
import { recordEdit, takeMeetingVersions } from "~/models/version-schedule.server";
import { db, prepareDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { endAllEventStreams } from "~/utils/event-stream.server";
import { startLiveEventRelay } from "~/utils/live-events.server";
import { setInternalOrigin } from "~/utils/origin.server";
import { closePdfEngine } from "~/utils/pdf.server";
import { closeRedis, redisReady } from "~/utils/redis.server";
import { registerCollabStats } from "~/utils/runtime-stats.server";
import { purgeExpiredCredentials } from "~/utils/session.server";
import { type AppMode, createApp } from "./app";
import { COLLAB_PREFIX, createCollabServer } from "./collab";
import { logger } from "./logger";
import { applyMigrations } from "./migrate";
import { clientIpOf, PerMinuteLimit, refuseUpgrade } from "./request-limits";

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
  warnAboutUnsafeProductionSettings(mode, env);
  if (env.REDIS_URL) {
    // Several nodes: live events, document fan-out and rate limits go through Redis. A Redis
    // that is down at start is waited for briefly; after that the node serves on its own and
    // catches up when Redis returns (docs/decisions/014-multi-node.md).
    if (await redisReady(10_000)) logger.info("Redis connected: running as one of several nodes");
    else logger.error("Redis is not reachable: serving on this node only until it is");
  }
  const stopRelay = startLiveEventRelay();
  const purge = startPurgingExpiredCredentials();

  const httpServer = http.createServer();
  const collab = createCollabServer(logger, {
    trustProxy: env.TRUST_PROXY > 0,
    maxFrameBytes: env.COLLAB_MAX_FRAME_BYTES,
    messagesPerSecond: env.COLLAB_MESSAGES_PER_SECOND,
    messageBurst: env.COLLAB_MESSAGE_BURST,
    maxConnectionsPerUser: env.COLLAB_MAX_CONNECTIONS_PER_USER,
    maxRooms: env.COLLAB_MAX_ROOMS,
    maxActiveJoins: env.COLLAB_MAX_ACTIVE_JOINS,
    maxWaitingJoins: env.COLLAB_MAX_WAITING_JOINS,
    onEdit: (outcomeId, userIds) => recordEdit(outcomeId, userIds),
  });
  // For the loopback-only details of /healthz.
  registerCollabStats(() => ({
    connections: collab.connectionCount(),
    rooms: collab.loadedRooms(),
    joins: collab.joinLoad(),
  }));
  const { app, closeDev } = await createApp({
    mode,
    root,
    logger,
    httpServer,
    trustProxy: env.TRUST_PROXY,
  });
  httpServer.on("request", app);
  // Upgrades to /collab/ per IP address, before the session is looked up (server/request-limits.ts).
  const upgradeLimit = new PerMinuteLimit(env.COLLAB_UPGRADES_PER_IP_PER_MINUTE);
  // Our upgrade listener only takes /collab/*; anything else (Vite HMR) is left to other listeners.
  httpServer.on("upgrade", (req, socket, head) => {
    try {
      if (req.url?.startsWith(COLLAB_PREFIX)) {
        const limit = upgradeLimit.take(clientIpOf(req, env.TRUST_PROXY));
        if (!limit.allowed) {
          logger.warn({ ip: clientIpOf(req, env.TRUST_PROXY) }, "collab upgrade rate exceeded");
          return refuseUpgrade(socket, limit.retryAfterSeconds);
        }
      }
      const handled = collab.handleUpgrade(req, socket, head);
      if (!handled && mode === "production") socket.destroy();
    } catch (error) {
      // Whatever a client sends in an upgrade request, it never takes the process down.
      logger.warn({ err: error }, "malformed upgrade request");
      socket.destroy();
    }
  });
  httpServer.headersTimeout = 30_000;
  httpServer.requestTimeout = 60_000;

  const port = options.port ?? env.PORT;
  const host = options.host ?? env.HOST ?? (mode === "production" ? "0.0.0.0" : "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    // A node restarting under a thousand reconnecting editors gets their connections within a
    // moment: a deeper accept queue than Node's 511 keeps the kernel from dropping them.
    httpServer.listen({ port, host, backlog: 4096 }, () => resolve());
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  const displayHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const url = `http://${displayHost}:${actualPort}`;
  // The PDF engine prints our own pages from this address.
  setInternalOrigin(host, actualPort);
  logger.info({ url }, "Werkplaats is listening");

  // Scheduler: delivers queued mail, queues the day-before reminders and takes the versions of
  // meetings that ended (survives restarts).
  const mailOrigin = env.APP_URL ? new URL(env.APP_URL).origin : url;
  const stopMail = startEmailScheduler({
    intervalMs: env.MAIL_INTERVAL_SECONDS * 1000,
    tasks: [(now) => queueDueReminders(now, mailOrigin), (now) => takeMeetingVersions(now)],
    onError: (error) => logger.error({ err: error }, "e-mail scheduler"),
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info("shutting down: no new connections, finishing requests");
      clearInterval(purge);
      await stopMail();
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // Live page streams (Server-Sent Events) are never idle: end them; browsers reconnect.
      endAllEventStreams();
      await collab.close();
      registerCollabStats(undefined);
      await closePdfEngine();
      await stopRelay();
      // Vite's HMR socket is an upgraded connection: close it before waiting for the server.
      await closeDev?.();
      const forced = setTimeout(() => httpServer.closeAllConnections(), 10_000);
      await httpClosed;
      clearTimeout(forced);
      await db.$disconnect();
      await closeRedis();
      logger.info("shut down cleanly");
    })();
    return closing;
  };

  return { url, port: actualPort, httpServer, close };
}

/** Loud warnings for a production start with settings that are only right on a laptop. */
function warnAboutUnsafeProductionSettings(mode: AppMode, env: ReturnType<typeof getEnv>) {
  if (mode !== "production") return;
  if (env.SEED_DEMO) {
    logger.warn(
      "SEED_DEMO is on: demo accounts with a publicly known password exist. Set SEED_DEMO=false for a real deployment (and remove the demo accounts).",
    );
  }
  if (!env.SMTP_URL)
    logger.warn("SMTP_URL is not set: e-mails are written to OUTBOX_DIR, not sent.");
  if (!env.APP_URL) {
    logger.warn(
      "APP_URL is not set: password reset links can only be sent when Werkplaats is opened on localhost.",
    );
  }
}

/** Expired sessions and spent reset links are deleted at start and every hour. */
function startPurgingExpiredCredentials(): NodeJS.Timeout {
  const purge = () =>
    purgeExpiredCredentials().catch((error: unknown) =>
      logger.warn({ err: error }, "purging expired sessions failed"),
    );
  void purge();
  const timer = setInterval(purge, 60 * 60 * 1000);
  timer.unref();
  return timer;
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
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt) {
      // Ctrl+C reaches npm, the start script and this process at once: repeats within a moment
      // are the same request. A deliberate second one later means "stop now".
      if (Date.now() - firstSignalAt < 2_000) return;
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    firstSignalAt = Date.now();
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
