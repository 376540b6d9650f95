// The sync server's entry: websocket upgrades on /collab/<room>. This module owns the upgrade
// (authorise, then open), the open connections (caps, heartbeat, live revocation); auth.ts
// decides access, rooms.ts runs the documents, protocol.ts speaks the y-websocket wire format,
// persistence.ts stores them, fanout.ts carries them between nodes (with REDIS_URL).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import {
  type AccessChange,
  onAccessChange,
  onDocumentChange,
  onOutcomeEvent,
} from "~/utils/live-events.server";
import type { Logger } from "../logger";
import { JoinGate } from "./admission";
import { authorizeUpgrade, currentAccess } from "./auth";
import { type Connection, send, TokenBucket } from "./connection";
import { createFanout, type FanoutOptions } from "./fanout";
import { encodeKeepAlive, encodeOutcomeEvent } from "./protocol";
import { createRoomRegistry, type EditListener } from "./rooms";

export const COLLAB_PREFIX = "/collab/";

export type CollabOptions = {
  trustProxy?: boolean;
  maxFrameBytes?: number;
  messagesPerSecond?: number;
  messageBurst?: number;
  maxConnectionsPerUser?: number;
  maxRooms?: number;
  /** Ping interval; a peer that has not answered the previous ping by then is dropped. */
  heartbeatMs?: number;
  /** Safety net for access changes nobody announced (another node, a database edit). */
  recheckMs?: number;
  /** Told who edited which document (contributors, automatic versions); see rooms.ts. */
  onEdit?: EditListener;
  /** Upgrades being authorised and joined at once, and how many may wait (admission.ts). */
  maxActiveJoins?: number;
  maxWaitingJoins?: number;
  /** Stream tuning between nodes (only used with REDIS_URL). */
  fanout?: FanoutOptions;
};

export type CollabServer = {
  /** Returns false when the path is not ours (other upgrade listeners, e.g. Vite HMR, handle it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
  connectionCount(): number;
  /** Documents loaded now (they unload a few seconds after their last connection closes). */
  loadedRooms(): number;
  /** Joins running and waiting (admission control). */
  joinLoad(): { active: number; waiting: number };
};

export function createCollabServer(logger: Logger, options: CollabOptions = {}): CollabServer {
  const maxFrameBytes = options.maxFrameBytes ?? 4 * 1024 * 1024;
  const messagesPerSecond = options.messagesPerSecond ?? 100;
  const messageBurst = options.messageBurst ?? 400;
  const maxPerUser = options.maxConnectionsPerUser ?? 20;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const recheckMs = options.recheckMs ?? 60_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  const connections = new Set<Connection>();
  const fanout = createFanout(logger, options.fanout);
  const rooms = createRoomRegistry(logger, {
    maxRooms: options.maxRooms,
    onEdit: options.onEdit,
    fanout,
  });
  const keepAlive = encodeKeepAlive();
  const gate = new JoinGate(options.maxActiveJoins ?? 32, options.maxWaitingJoins ?? 1_000);

  function refuse(socket: Duplex, status: number, text: string, extraHeaders = "") {
    if (!socket.writable) return socket.destroy();
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${extraHeaders}Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }

  const connectionsOf = (userId: string) => {
    let n = 0;
    for (const c of connections) if (c.userId === userId) n += 1;
    return n;
  };

  /** Re-asks the permissions module; closes or downgrades the connection when access changed. */
  /** Applies a fresh access decision to a live connection: unchanged, changed or revoked. */
  function apply(connection: Connection, access: Awaited<ReturnType<typeof currentAccess>>) {
    if (access === connection.access) return;
    const { socket } = connection;
    if (access === null) {
      logger.info({ room: connection.room, userId: connection.userId }, "collab access revoked");
      socket.close(4403, "access revoked");
      return;
    }
    logger.info(
      { room: connection.room, userId: connection.userId, access },
      "collab access changed",
    );
    // Takes effect for the next frame; the client is told so it reloads what it may do.
    connection.access = access;
    socket.close(4001, "access changed");
  }

  /**
   * Re-asks the permissions module, once per (session, document), for matching connections:
   * one check at a time with a turn of the event loop in between (thousands of checks at once,
   * each resolved inside the microtask queue on SQLite, would hold the loop for seconds).
   */
  async function recheckWhere(match: (c: Connection) => boolean) {
    const groups = new Map<string, Connection[]>();
    for (const c of connections) {
      if (!match(c)) continue;
      const key = `${c.sessionId}\n${c.room}`;
      const group = groups.get(key);
      if (group) group.push(c);
      else groups.set(key, [c]);
    }
    for (const group of groups.values()) {
      const first = group[0] as Connection;
      try {
        const access = await currentAccess(first);
        for (const c of group) if (connections.has(c)) apply(c, access);
      } catch (error) {
        logger.error({ err: error, room: first.room }, "collab access check failed");
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const stopListening = onAccessChange((change: AccessChange) => {
    if (change.kind === "session") void recheckWhere((c) => c.sessionId === change.sessionId);
    else if (change.kind === "user") void recheckWhere((c) => c.userId === change.userId);
    else void recheckWhere((c) => c.room === change.outcomeId);
  });

  const stopListeningToDocuments = onDocumentChange((outcomeId) =>
    rooms.documentChanged(outcomeId),
  );

  const stopListeningToOutcomes = onOutcomeEvent((outcomeId, topic) => {
    if (topic === "versions") rooms.versionTaken(outcomeId);
    const message = encodeOutcomeEvent(topic);
    for (const c of connections) if (c.room === outcomeId && c.wantsAcks) send(c, message);
  });

  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const c of connections) {
      if (!c.alive) {
        logger.info({ room: c.room, userId: c.userId }, "collab peer did not answer: dropped");
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
      // The stock client reconnects after 30 s without a message; keep idle rooms quiet but alive.
      if (now - c.lastSentAt >= heartbeatMs - 100) send(c, keepAlive);
    }
  }, heartbeatMs);
  heartbeat.unref();

  // The safety net for changes nobody announced; one sweep at a time.
  let sweeping = false;
  const periodicRecheck = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    await recheckWhere(() => true).finally(() => {
      sweeping = false;
    });
  }, recheckMs);
  periodicRecheck.unref();

  /** Authorises an admitted upgrade, opens the socket and joins its room. */
  function join(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<unknown> {
    return authorizeUpgrade(req, options.trustProxy ?? false)
      .then((decision) => {
        if (!decision.ok) {
          logger.info(
            { status: decision.status, reason: decision.reason },
            "collab upgrade refused",
          );
          const text =
            decision.status === 401
              ? "Unauthorized"
              : decision.status === 403
                ? "Forbidden"
                : "Bad Request";
          return refuse(socket, decision.status, text);
        }
        if (connectionsOf(decision.userId) >= maxPerUser) {
          logger.warn({ userId: decision.userId }, "collab upgrade refused: too many connections");
          return refuse(socket, 429, "Too Many Requests");
        }
        if (!rooms.canOpen(decision.room)) {
          logger.warn({ room: decision.room }, "collab upgrade refused: too many open documents");
          return refuse(socket, 503, "Service Unavailable");
        }
        return new Promise((resolve) => {
          // An upgrade that ws refuses never calls back: the socket's close ends the join.
          socket.once("close", resolve);
          wss.handleUpgrade(req, socket, head, (ws) => {
            const connection: Connection = {
              socket: ws,
              userId: decision.userId,
              sessionId: decision.sessionId,
              room: decision.room,
              access: decision.access,
              wantsAcks:
                new URL(req.url ?? "", "http://localhost").searchParams.get("acks") === "1",
              clients: new Set(),
              received: 0,
              stored: 0,
              limiter: new TokenBucket(messagesPerSecond, messageBurst),
              alive: true,
              lastSentAt: Date.now(),
            };
            connections.add(connection);
            logger.info(
              { room: decision.room, userId: decision.userId, access: decision.access },
              "collab connection opened",
            );
            ws.on("pong", () => {
              connection.alive = true;
            });
            ws.on("error", (error) =>
              // Oversized frames end up here (ws closes them with 1009).
              logger.warn({ err: error, room: decision.room }, "collab socket error"),
            );
            ws.on("close", () => connections.delete(connection));
            resolve(rooms.join(connection));
          });
        });
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "collab upgrade failed");
        refuse(socket, 500, "Internal Server Error");
      });
  }

  return {
    handleUpgrade(req, socket, head) {
      // Decided on the raw request target: it may be anything a client sends.
      if (!req.url?.startsWith(COLLAB_PREFIX)) return false;
      socket.on("error", (error) =>
        logger.debug({ err: error }, "collab socket error before open"),
      );
      const admitted = gate.enter();
      if (!admitted) {
        logger.warn(gate.load(), "collab upgrade refused: too many joins waiting");
        // The client backs off and comes back; a proxy or another client may honour this.
        const retry = 1 + Math.floor(Math.random() * 5);
        refuse(socket, 503, "Service Unavailable", `Retry-After: ${retry}\r\n`);
        return true;
      }
      admitted.then((release) => {
        // A client that gave up while waiting costs nothing more.
        if (socket.destroyed) return release();
        void join(req, socket, head).finally(release);
      });
      return true;
    },
    async close() {
      stopListening();
      stopListeningToDocuments();
      stopListeningToOutcomes();
      clearInterval(heartbeat);
      clearInterval(periodicRecheck);
      for (const { socket } of connections) socket.close(1001, "server shutting down");
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          for (const { socket } of connections) socket.terminate();
          resolve();
        }, 2_000);
        const check = () => {
          if (connections.size === 0) {
            clearTimeout(deadline);
            resolve();
          } else setTimeout(check, 25);
        };
        check();
      });
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Every loaded document is written back before the process ends.
      await rooms.flushAll();
      await fanout.close();
    },
    connectionCount: () => connections.size,
    loadedRooms: () => rooms.loadedRooms(),
    joinLoad: () => gate.load(),
  };
}
