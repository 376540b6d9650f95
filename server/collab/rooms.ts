// The room registry: one loaded Y.Doc (+ awareness) per open document (an outcome or an
// edition's editorial introduction, see persistence.ts) and the connections in it. Document
// updates go through a serial queue per room with group commit:
// the updates that arrive while one write is in flight are stored together in the next write,
// and only then applied and relayed. Nobody ever sees an update that is not durable.
// With several nodes, stored updates and awareness also go to the other nodes holding the
// document through its Redis stream (fanout.ts), and come back from them the same way.
import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../logger";
import { type Connection, send } from "./connection";
import type { Fanout, FanoutKind } from "./fanout";
import {
  appendUpdates,
  applyLog,
  applyStored,
  COMPACT_AFTER_UPDATES,
  compact,
  documentOf,
  loadDocument,
} from "./persistence";
import {
  decodeMessage,
  encodeAwareness,
  encodeSaved,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type IncomingMessage,
} from "./protocol";

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
/** A frame as parsed: document updates keep their decoded form (decoded once, on arrival). */
type ParsedMessage = IncomingMessage & { decoded?: DecodedUpdate };
/** Told who edited a document (at most once a minute per author), outside the room's queue. */
export type EditListener = (room: string, userIds: string[]) => Promise<unknown> | undefined;

/** The origin of changes that came from another node (never relayed back to the nodes). */
const REMOTE = { remote: true } as const;

/** How often an author's edits of one document are reported to the EditListener. */
const REPORT_AUTHOR_EVERY_MS = 60_000;

type PendingUpdate = {
  connection: Connection;
  update: Uint8Array;
  decoded: DecodedUpdate;
  seq: number;
};

/**
 * True when applying `update` would not change `doc`: every struct is already known and every
 * deletion already done. A reconnecting client's reply carries its whole delete set, so this is
 * how an up-to-date (or read-only) client's reply is told apart from a real change.
 */
function changesNothing({ structs, ds }: DecodedUpdate, doc: Y.Doc): boolean {
  for (const struct of structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  for (const [client, ranges] of ds.clients) {
    const known = doc.store.clients.get(client);
    if (!known) return false;
    for (const { clock, len } of ranges) {
      let index: number;
      try {
        index = Y.findIndexSS(known, clock);
      } catch {
        return false;
      }
      for (let i = index; i < known.length; i++) {
        const item = known[i] as (typeof known)[number];
        if (item.id.clock >= clock + len) break;
        if (!item.deleted) return false;
      }
    }
  }
  return true;
}

/** Reads an awareness update the way y-protocols applies it; throws when it is malformed. */
function checkAwarenessUpdate(update: Uint8Array) {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder)); // state
  }
}

/** Parses a frame; null when it is malformed (nothing is stored or applied then). */
export function parseFrame(frame: Uint8Array): ParsedMessage | null {
  try {
    const message = decodeMessage(frame);
    // A garbage update must never reach the log: it would break every later load.
    if (message.kind === "update") return { ...message, decoded: Y.decodeUpdate(message.update) };
    // Garbage inside a well-formed envelope would otherwise throw later, in the room.
    if (message.kind === "syncStep1") Y.decodeStateVector(message.stateVector);
    if (message.kind === "awareness") checkAwarenessUpdate(message.update);
    return message;
  } catch {
    return null;
  }
}

class Room {
  readonly connections = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  unloadTimer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pending: PendingUpdate[] = [];
  /** When each author's edits were last reported (cleared when a version is taken). */
  private readonly authorsReportedAt = new Map<string, number>();
  /** A database re-read is queued (at most one waits at a time). */
  private resyncQueued = false;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private logged: number,
    private readonly logger: Logger,
    private readonly fanout: Fanout | undefined,
    private readonly onEdit?: EditListener,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = encodeUpdate(update);
      for (const c of this.connections) if (c !== origin) send(c, message);
    });
    this.awareness.on(
      "update",
      (
        { added, updated, removed }: Record<"added" | "updated" | "removed", number[]>,
        origin: unknown,
      ) => {
        const from = origin as Connection | null;
        if (from?.clients) {
          for (const id of added) from.clients.add(id);
          for (const id of removed) from.clients.delete(id);
        }
        const changed = [...added, ...updated, ...removed];
        const message = encodeAwareness(this.awareness, changed);
        for (const c of this.connections) send(c, message);
        // Our own clients' presence goes to the other nodes; what came from them, or expired
        // here by timeout (each node expires states itself), does not.
        if (origin !== REMOTE && origin !== "timeout")
          this.fanout?.publish(
            this.name,
            "awareness",
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
          );
      },
    );
  }

  /** Something another node published for this document. */
  remote(kind: FanoutKind, data: Uint8Array) {
    switch (kind) {
      case "update":
        Y.applyUpdate(this.doc, data, REMOTE); // stored by that node already; relayed here
        return;
      case "awareness":
        awarenessProtocol.applyAwarenessUpdate(this.awareness, data, REMOTE);
        return;
      case "query": {
        // A node opened the document: tell it who is here.
        const local = [...this.connections].flatMap((c) => [...c.clients]);
        const present = local.filter((id) => this.awareness.getStates().has(id));
        if (present.length > 0)
          this.fanout?.publish(
            this.name,
            "awareness",
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, present),
          );
        return;
      }
      case "resync":
        this.resync();
        return;
    }
  }

  /** Re-reads the document from the database (deliveries from other nodes may be lost). */
  resync() {
    if (this.resyncQueued) return;
    this.resyncQueued = true;
    void this.enqueue(async () => {
      this.resyncQueued = false;
      this.logged = await applyStored(this.name, this.doc, null);
    });
  }

  /** Runs `task` after every earlier task of this room (errors are logged, never thrown on). */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.logger.error({ err: error, room: this.name }, "collab room task failed");
    });
    return this.queue;
  }

  handle(connection: Connection, message: ParsedMessage) {
    switch (message.kind) {
      case "syncStep1":
        send(connection, encodeSyncStep2(this.doc, message.stateVector));
        return;
      case "update": {
        connection.received += 1;
        this.pending.push({
          connection,
          update: message.update,
          decoded: message.decoded ?? Y.decodeUpdate(message.update),
          seq: connection.received,
        });
        if (this.pending.length === 1) void this.enqueue(() => this.flush());
        return;
      }
      case "awareness":
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        return;
      case "queryAwareness":
        send(connection, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  /** Group commit: stores every pending update in one write, then applies and relays them. */
  private async flush() {
    const batch = this.pending;
    this.pending = [];
    // Updates that change nothing (a reconnecting client's reply) are handled without storing;
    // read-only connections (a locked document) may not change the document.
    const handled = new Set<PendingUpdate>();
    const stored: PendingUpdate[] = [];
    for (const p of batch) {
      if (changesNothing(p.decoded, this.doc)) handled.add(p);
      else if (p.connection.access === "read-write") {
        handled.add(p);
        stored.push(p);
      }
    }
    const rows = rowsPerUser(stored);
    try {
      await appendUpdates(this.name, rows); // durable first…
    } catch (error) {
      // Not stored, so not applied: each client keeps its change and resends it on reconnect.
      this.logger.error({ err: error, room: this.name }, "collab updates could not be stored");
      for (const p of stored) p.connection.socket.close(1011, "could not store the change");
      return;
    }
    for (const p of stored) Y.applyUpdate(this.doc, p.update, p.connection); // …then relayed
    if (rows.length > 0)
      this.fanout?.publish(this.name, "update", mergeTree(rows.map((r) => r.update)));
    const acknowledge = new Set<Connection>();
    for (const p of batch) {
      // An acknowledgement covers a prefix: it stops at the first change that was refused.
      if (handled.has(p) && p.connection.stored === p.seq - 1) p.connection.stored = p.seq;
      if (p.connection.wantsAcks) acknowledge.add(p.connection);
    }
    for (const c of acknowledge) send(c, encodeSaved(c.stored));
    this.reportAuthors(rows);
    this.logged += rows.length;
    if (this.logged >= COMPACT_AFTER_UPDATES) await this.compact();
  }

  /** Reports authors of stored edits (contributors, automatic versions); never waited for. */
  private reportAuthors(rows: { userId: string }[]) {
    if (!this.onEdit || rows.length === 0) return;
    const now = Date.now();
    const due: string[] = [];
    for (const { userId } of rows) {
      if (now - (this.authorsReportedAt.get(userId) ?? 0) < REPORT_AUTHOR_EVERY_MS) continue;
      this.authorsReportedAt.set(userId, now);
      due.push(userId);
    }
    if (due.length === 0) return;
    try {
      this.onEdit(this.name, due)?.catch((error: unknown) =>
        this.logger.warn({ err: error, room: this.name }, "collab edit could not be recorded"),
      );
    } catch (error) {
      this.logger.warn({ err: error, room: this.name }, "collab edit could not be recorded");
    }
  }

  /** A version was taken: the next edit of each author is reported again. */
  versionTaken() {
    this.authorsReportedAt.clear();
  }

  async compact() {
    if (this.logged === 0) return;
    await compact(this.name, this.doc, null);
    this.logged = 0;
  }

  /** Applies and relays log rows written outside this room (a template applied by the app). */
  async catchUp() {
    this.logged = (await applyLog(this.name, this.doc, null)).length;
  }
}

/** Y.mergeUpdates in a balanced tree: a few times faster than one call on a long list. */
function mergeTree(list: Uint8Array[]): Uint8Array {
  if (list.length === 1) return list[0] as Uint8Array;
  if (list.length <= 32) return Y.mergeUpdates(list);
  const half = list.length >> 1;
  return Y.mergeUpdates([mergeTree(list.slice(0, half)), mergeTree(list.slice(half))]);
}

/** One log row per author per commit (their updates merged), so the log stays short. */
function rowsPerUser(updates: PendingUpdate[]): { update: Uint8Array; userId: string }[] {
  const byUser = new Map<string, Uint8Array[]>();
  for (const { connection, update } of updates) {
    const list = byUser.get(connection.userId);
    if (list) list.push(update);
    else byUser.set(connection.userId, [update]);
  }
  return [...byUser].map(([userId, list]) => ({
    userId,
    update: mergeTree(list),
  }));
}

export type RoomRegistry = ReturnType<typeof createRoomRegistry>;

export function createRoomRegistry(
  logger: Logger,
  options: {
    unloadAfterMs?: number;
    maxRooms?: number;
    onEdit?: EditListener;
    /** Other nodes (Redis); absent or disabled: this node serves alone. */
    fanout?: Fanout;
  } = {},
) {
  const fanout = options.fanout?.enabled ? options.fanout : undefined;
  const unloadAfterMs = options.unloadAfterMs ?? 5_000;
  const maxRooms = options.maxRooms ?? Number.POSITIVE_INFINITY;
  const rooms = new Map<string, Promise<Room | null>>();

  function getRoom(name: string): Promise<Room | null> {
    let room = rooms.get(name);
    if (!room) {
      // The document is loaded completely before anyone gets a sync reply from it.
      // Contributors and automatic versions are about outcomes only.
      const onEdit = documentOf(name).kind === "outcome" ? options.onEdit : undefined;
      room = open(name, onEdit);
      room.catch(() => {
        rooms.delete(name);
        fanout?.unfollow(name);
      });
      rooms.set(name, room);
    }
    return room;
  }

  /**
   * Loads a document. With other nodes, its stream is followed first (what arrives meanwhile
   * waits until the room exists), then the database is read: no update falls between the two.
   */
  async function open(name: string, onEdit: EditListener | undefined): Promise<Room | null> {
    let room: Room | null = null;
    const early: [FanoutKind, Uint8Array][] = [];
    let resyncEarly = false;
    await fanout?.follow(name, {
      deliver(kind, data) {
        if (room) room.remote(kind, data);
        else early.push([kind, data]);
      },
      resync() {
        if (room) room.resync();
        else resyncEarly = true;
      },
    });
    const loaded = await loadDocument(name);
    if (!loaded) {
      fanout?.unfollow(name);
      return null;
    }
    room = new Room(name, loaded.doc, loaded.logged, logger, fanout, onEdit);
    for (const [kind, data] of early) room.remote(kind, data);
    if (resyncEarly) room.resync();
    // Ask the other nodes who is already here (their awareness comes back).
    fanout?.publish(name, "query", new Uint8Array());
    return room;
  }

  async function unload(room: Room) {
    await room.enqueue(() => room.compact());
    if (room.connections.size > 0) return;
    rooms.delete(room.name);
    fanout?.unfollow(room.name);
    room.awareness.destroy();
    room.doc.destroy();
    logger.debug({ room: room.name }, "collab room unloaded");
  }

  /** A document changed outside the sync server: a loaded room applies and relays it. */
  function documentChanged(name: string) {
    void rooms.get(name)?.then((room) => room?.enqueue(() => room.catchUp()));
  }

  return {
    documentChanged,

    /** A version of the document was taken (its contributors start afresh). */
    versionTaken(name: string) {
      void rooms.get(name)?.then((room) => room?.versionTaken());
    },

    /** False when opening this room would exceed the cap on open documents. */
    canOpen: (name: string) => rooms.has(name) || rooms.size < maxRooms,

    /**
     * Adds an open connection to its room; its frames are handled in the room's order. Resolves
     * once the room is loaded and the connection has its first sync message (or was closed).
     */
    join(connection: Connection): Promise<unknown> {
      const { socket } = connection;
      const ready: Promise<Room | null> = getRoom(connection.room)
        .then((room) => {
          if (!room) {
            socket.close(4404, "document not found");
            return null;
          }
          clearTimeout(room.unloadTimer);
          room.connections.add(connection);
          send(connection, encodeSyncStep1(room.doc));
          const states = [...room.awareness.getStates().keys()];
          if (states.length > 0) send(connection, encodeAwareness(room.awareness, states));
          return room;
        })
        .catch((error: unknown) => {
          logger.error({ err: error, room: connection.room }, "collab document not loaded");
          socket.close(1011, "document could not be loaded");
          return null;
        });

      socket.on("message", (data, isBinary) => {
        if (!isBinary) return socket.close(1003, "binary frames only");
        if (!connection.limiter.take()) {
          logger.warn(
            { room: connection.room, userId: connection.userId },
            "collab message rate exceeded: connection closed",
          );
          return socket.close(1008, "too many messages");
        }
        const frame = new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : (data as Buffer));
        const message = parseFrame(frame);
        if (!message) {
          logger.warn(
            { room: connection.room, userId: connection.userId, bytes: frame.byteLength },
            "malformed collab frame: connection closed",
          );
          return socket.close(1003, "malformed message");
        }
        void ready.then((room) => {
          if (!room?.connections.has(connection)) return;
          try {
            room.handle(connection, message);
          } catch (error) {
            // Whatever a frame holds, it never takes the process down.
            logger.warn(
              { err: error, room: connection.room, userId: connection.userId },
              "collab frame could not be handled: connection closed",
            );
            socket.close(1003, "malformed message");
          }
        });
      });

      socket.on("close", () => {
        void ready.then((room) => {
          if (!room) return;
          room.connections.delete(connection);
          awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.clients], null);
          if (room.connections.size === 0) {
            clearTimeout(room.unloadTimer);
            room.unloadTimer = setTimeout(() => void unload(room), unloadAfterMs);
            room.unloadTimer.unref();
          }
        });
      });
      return ready;
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
