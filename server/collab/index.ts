// The sync server's entry: websocket upgrades on /collab/<room>. This module owns the upgrade
// (authorise, then open) and the open sockets; auth.ts decides access, rooms.ts runs the
// documents, protocol.ts speaks the y-websocket wire format, persistence.ts stores them.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../logger";
import { authorizeUpgrade, type CollabAccess } from "./auth";
import { createRoomRegistry } from "./rooms";

export const COLLAB_PREFIX = "/collab/";
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export type CollabServer = {
  /** Returns false when the path is not ours (other upgrade listeners, e.g. Vite HMR, handle it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
  connectionCount(): number;
};

type Connection = { socket: WebSocket; userId: string; room: string; access: CollabAccess };

export function createCollabServer(logger: Logger, trustProxy = false): CollabServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const connections = new Set<Connection>();
  const rooms = createRoomRegistry(logger);

  function refuse(socket: Duplex, status: number, text: string) {
    if (!socket.writable) return socket.destroy();
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }

  return {
    handleUpgrade(req, socket, head) {
      // Decided on the raw request target: it may be anything a client sends.
      if (!req.url?.startsWith(COLLAB_PREFIX)) return false;
      socket.on("error", (error) =>
        logger.debug({ err: error }, "collab socket error before open"),
      );
      authorizeUpgrade(req, trustProxy)
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
          wss.handleUpgrade(req, socket, head, (ws) => {
            const connection: Connection = {
              socket: ws,
              userId: decision.userId,
              room: decision.room,
              access: decision.access,
            };
            connections.add(connection);
            logger.info(
              { room: decision.room, userId: decision.userId, access: decision.access },
              "collab connection opened",
            );
            ws.on("error", (error) =>
              logger.warn({ err: error, room: decision.room }, "collab socket error"),
            );
            ws.on("close", () => connections.delete(connection));
            rooms.join(ws, decision);
          });
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, "collab upgrade failed");
          refuse(socket, 500, "Internal Server Error");
        });
      return true;
    },
    async close() {
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
    },
    connectionCount: () => connections.size,
  };
}
