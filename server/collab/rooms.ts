// The room registry: one loaded Y.Doc (+ awareness) per open outcome document, the sockets in
// it, and a serial queue per room so that every incoming update is logged before it is applied
// and relayed, and compaction never overlaps an update in flight.

import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../logger";
import type { CollabAccess } from "./auth";
import { appendUpdate, COMPACT_AFTER_UPDATES, compact, loadDocument } from "./persistence";
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from "./protocol";

type Connection = { socket: WebSocket; userId: string; access: CollabAccess; clients: Set<number> };

class Room {
  readonly connections = new Set<Connection>();
  private queue: Promise<void> = Promise.resolve();
  unloadTimer: NodeJS.Timeout | undefined;
  readonly awareness: awarenessProtocol.Awareness;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    public logged: number,
    private readonly logger: Logger,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update);
      for (const c of this.connections) if (c !== origin) send(c.socket, message);
    });
    this.awareness.on(
      "update",
      (
        { added, updated, removed }: Record<"added" | "updated" | "removed", number[]>,
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        const from = origin as Connection | undefined;
        if (from?.clients) {
          for (const id of added) from.clients.add(id);
          for (const id of removed) from.clients.delete(id);
        }
        const message = encodeAwareness(this.awareness, changed);
        for (const c of this.connections) send(c.socket, message);
      },
    );
  }

  /** Runs `task` after every earlier task of this room (errors are logged, never thrown on). */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.logger.error({ err: error, room: this.name }, "collab room task failed");
    });
    return this.queue;
  }

  /** Parses a frame; null when it is malformed (nothing is stored or applied then). */
  static parse(frame: Uint8Array): ReturnType<typeof decodeMessage> | null {
    try {
      const message = decodeMessage(frame);
      // A garbage update must never reach the log: it would break every later load.
      if (message.kind === "update") Y.decodeUpdate(message.update);
      return message;
    } catch {
      return null;
    }
  }

  async handle(connection: Connection, message: ReturnType<typeof decodeMessage>) {
    switch (message.kind) {
      case "syncStep1":
        send(connection.socket, encodeSyncStep2(this.doc, message.stateVector));
        return;
      case "update":
        // Read-only connections (viewers, a locked document) may not change the document.
        if (connection.access !== "read-write") return;
        await appendUpdate(this.name, message.update, connection.userId); // durable first…
        Y.applyUpdate(this.doc, message.update, connection); // …then applied and relayed
        this.logged += 1;
        if (this.logged >= COMPACT_AFTER_UPDATES) await this.compact();
        return;
      case "awareness":
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        return;
      case "queryAwareness":
        send(
          connection.socket,
          encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]),
        );
        return;
    }
  }

  async compact() {
    if (this.logged === 0) return;
    await compact(this.name, this.doc);
    this.logged = 0;
  }
}

function send(socket: WebSocket, message: Uint8Array) {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(message, (error) => {
    if (error) socket.terminate();
  });
}

export type RoomRegistry = ReturnType<typeof createRoomRegistry>;

export function createRoomRegistry(logger: Logger, options: { unloadAfterMs?: number } = {}) {
  const unloadAfterMs = options.unloadAfterMs ?? 5_000;
  const rooms = new Map<string, Promise<Room | null>>();

  function getRoom(name: string): Promise<Room | null> {
    let room = rooms.get(name);
    if (!room) {
      // The document is loaded completely before anyone gets a sync reply from it.
      room = loadDocument(name).then((loaded) =>
        loaded ? new Room(name, loaded.doc, loaded.logged, logger) : null,
      );
      room.catch(() => rooms.delete(name));
      rooms.set(name, room);
    }
    return room;
  }

  async function unload(room: Room) {
    await room.enqueue(() => room.compact());
    if (room.connections.size > 0) return;
    rooms.delete(room.name);
    room.awareness.destroy();
    room.doc.destroy();
    logger.debug({ room: room.name }, "collab room unloaded");
  }

  return {
    /** Adds an open socket to its room; every frame it sends is handled in the room's order. */
    join(socket: WebSocket, info: { room: string; userId: string; access: CollabAccess }) {
      const connection: Connection = {
        socket,
        userId: info.userId,
        access: info.access,
        clients: new Set(),
      };
      const ready: Promise<Room | null> = getRoom(info.room)
        .then((room) => {
          if (!room) {
            socket.close(4404, "document not found");
            return null;
          }
          clearTimeout(room.unloadTimer);
          room.connections.add(connection);
          send(socket, encodeSyncStep1(room.doc));
          const states = [...room.awareness.getStates().keys()];
          if (states.length > 0) send(socket, encodeAwareness(room.awareness, states));
          return room;
        })
        .catch((error: unknown) => {
          logger.error({ err: error, room: info.room }, "collab document could not be loaded");
          socket.close(1011, "document could not be loaded");
          return null;
        });

      socket.on("message", (data, isBinary) => {
        if (!isBinary) return socket.close(1003, "binary frames only");
        const frame = new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : (data as Buffer));
        const message = Room.parse(frame);
        if (!message) {
          logger.warn(
            { room: info.room, userId: info.userId },
            "malformed collab frame: connection closed",
          );
          socket.close(1003, "malformed message");
          return;
        }
        void ready.then((room) =>
          room?.enqueue(async () => {
            try {
              await room.handle(connection, message);
            } catch (error) {
              // Not stored, so not applied: the client keeps the change and resends it on reconnect.
              logger.error({ err: error, room: info.room }, "collab update could not be stored");
              socket.close(1011, "could not store the change");
            }
          }),
        );
      });

      socket.on("close", () => {
        void ready.then((room) => {
          if (!room) return;
          room.connections.delete(connection);
          awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.clients], null);
          if (room.connections.size === 0) {
            room.unloadTimer = setTimeout(() => void unload(room), unloadAfterMs);
            room.unloadTimer.unref();
          }
        });
      });
    },

    /** Flushes every loaded document to the database (shutdown). */
    async flushAll() {
      for (const pending of rooms.values()) {
        const room = await pending.catch(() => null);
        if (!room) continue;
        clearTimeout(room.unloadTimer);
        await room.enqueue(() => room.compact());
      }
    },

    loadedRooms: () => rooms.size,
  };
}
