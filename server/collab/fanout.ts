// Fan-out between nodes (REDIS_URL set): every open document has a Redis stream
// ("<REDIS_KEY_PREFIX>collab:<room>") that carries what the nodes holding it must hear from each
// other — stored document updates, awareness, "who is here?" queries and "re-read the database"
// requests. The database stays the only place where documents live; a stream is a delivery
// channel with positions, so a node knows where it stands (docs/decisions/014-multi-node.md).
//
// No gap: a node takes the stream's position *before* it loads the document from the database,
// and a writer appends to the stream only *after* its database commit. An update is therefore
// either in what the node loaded or after its position (or both: applying twice is harmless).
//
// Lost delivery is always detected and repaired by re-reading the database ("resync"):
//  - the stream connection dropped (Redis restarted, network): every followed room resyncs;
//  - the stream was trimmed past this node's position (it fell far behind): that room resyncs;
//  - another node could not append (its Redis was away): when it can again, it appends a resync
//    request for the rooms concerned.
// While Redis is unreachable, followed rooms re-read the database every second instead, so the
// nodes stay in step (more slowly) during an outage.
//
// Without REDIS_URL this is a no-op and a node serves alone.
import type { Redis } from "ioredis";
import { newRedisConnection, nodeId, redis, redisKey } from "~/utils/redis.server";
import type { Logger } from "../logger";

export type FanoutKind = "update" | "awareness" | "query" | "resync";
const CODES: Record<FanoutKind, string> = {
  update: "u",
  awareness: "a",
  query: "q",
  resync: "r",
};
const KINDS = new Map(Object.entries(CODES).map(([kind, code]) => [code, kind as FanoutKind]));

/** What a followed room is told. */
export type FanoutListener = {
  deliver(kind: FanoutKind, data: Uint8Array): void;
  /** Deliveries may have been lost: re-read the document from the database. */
  resync(): void;
};

export type Fanout = {
  readonly enabled: boolean;
  /**
   * Starts following a room's stream from its current end; resolves once the position is taken,
   * so the caller loads the document from the database after this.
   */
  follow(room: string, listener: FanoutListener): Promise<void>;
  unfollow(room: string): void;
  /** Tells the other nodes holding `room` (fire and forget; a failure is repaired later). */
  publish(room: string, kind: FanoutKind, data: Uint8Array): void;
  close(): Promise<void>;
};

export type FanoutOptions = {
  /** Entries kept per stream (approximately); a node further behind than this resyncs. */
  maxLength?: number;
  /** Entries read per stream per round trip. */
  batch?: number;
  /** How often rooms re-read the database while Redis is unreachable. */
  pollMs?: number;
};

/** Streams of idle documents disappear after a day (any append renews it). */
const STREAM_TTL_MS = 24 * 60 * 60 * 1000;

type Stream = {
  room: string;
  key: string;
  /** The id of the last entry read (or the end of the stream when following began). */
  lastId: string;
  /** The position is not known (Redis was unreachable): take it again, then resync. */
  lost: boolean;
  listener: FanoutListener;
};

const streamKey = (room: string) => redisKey(`collab:${room}`);

/** Compares two stream ids ("<ms>-<seq>"). */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split("-").map(Number);
  const [bm = 0, bs = 0] = b.split("-").map(Number);
  return am === bm ? as - bs : am - bm;
}

const noFanout: Fanout = {
  enabled: false,
  follow: async () => {},
  unfollow: () => {},
  publish: () => {},
  close: async () => {},
};

export function createFanout(logger: Logger, options: FanoutOptions = {}): Fanout {
  const client = redis();
  if (!client) return noFanout;
  const commands: Redis = client;
  const reader = newRedisConnection("collab-streams") as Redis;
  const maxLength = options.maxLength ?? 1_000;
  const batch = Math.min(options.batch ?? 500, maxLength);
  const pollMs = options.pollMs ?? 1_000;
  const me = nodeId();

  const streams = new Map<string, Stream>(); // by key
  /** Rooms whose appends failed: the other nodes are asked to resync them once Redis is back. */
  const unpublished = new Set<string>();
  let closed = false;
  let readerId: string | null = null;
  let blocked = false;
  let wakeUp: (() => void) | null = null;

  reader.on("ready", () => {
    reader
      .client("ID")
      .then((id) => {
        readerId = String(id);
      })
      .catch(() => {
        readerId = null;
      });
  });
  // Whatever was in flight while the connection was down may be lost: resync everything.
  reader.on("close", () => {
    readerId = null;
    for (const s of streams.values()) s.lost = true;
  });

  /** Interrupts a blocking read so that a newly followed stream is read at once. */
  function wake() {
    wakeUp?.();
    if (blocked && readerId) commands.client("UNBLOCK", readerId).catch(() => {});
  }

  async function endOf(key: string): Promise<string> {
    const last = await commands.xrevrange(key, "+", "-", "COUNT", 1);
    return last[0]?.[0] ?? "0-0";
  }

  /** Takes lost positions again; each room that got one resyncs from the database. */
  async function recover() {
    for (const s of streams.values()) {
      if (!s.lost) continue;
      try {
        s.lastId = await endOf(s.key);
      } catch {
        return; // still unreachable: the poll keeps the room in step meanwhile
      }
      if (streams.get(s.key) !== s) continue;
      s.lost = false;
      logger.info({ room: s.room }, "collab stream position taken again: resyncing");
      s.listener.resync();
    }
    for (const room of [...unpublished]) {
      try {
        await append(room, "resync", new Uint8Array());
        unpublished.delete(room);
      } catch {
        return;
      }
    }
  }

  async function append(room: string, kind: FanoutKind, data: Uint8Array) {
    const key = streamKey(room);
    const results = await commands
      .pipeline()
      .xadd(key, "MAXLEN", "~", maxLength, "*", "n", me, "k", CODES[kind], "d", Buffer.from(data))
      .pexpire(key, STREAM_TTL_MS)
      .exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (failed) throw failed;
  }

  /** True when entries after `before` were trimmed away before this node read them. */
  async function trimmedPast(key: string, before: string): Promise<boolean> {
    const info = (await commands.xinfo("STREAM", key)) as unknown[];
    const at = info.indexOf("max-deleted-entry-id");
    const maxDeleted = at >= 0 ? String(info[at + 1]) : "0-0";
    return compareIds(maxDeleted, before) > 0;
  }

  function sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function readLoop() {
    while (!closed) {
      if (unpublished.size > 0 || [...streams.values()].some((s) => s.lost)) await recover();
      const active = [...streams.values()].filter((s) => !s.lost);
      if (active.length === 0 || reader.status !== "ready") {
        await sleep(100);
        continue;
      }
      let result: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        blocked = true;
        result = await reader.xreadBuffer(
          "COUNT",
          batch,
          "BLOCK",
          1_000,
          "STREAMS",
          ...active.map((s) => s.key),
          ...active.map((s) => s.lastId),
        );
      } catch (error) {
        if (!closed) logger.warn({ err: error }, "collab stream read failed");
        await sleep(200);
        continue;
      } finally {
        blocked = false;
      }
      if (!result) continue;
      for (const [keyBuffer, entries] of result) {
        const key = keyBuffer.toString();
        const stream = streams.get(key);
        if (!stream || stream.lost) continue;
        const before = stream.lastId;
        for (const [id, fields] of entries) {
          stream.lastId = id.toString();
          deliver(stream, fields);
        }
        if (entries.length >= batch) {
          // A full batch: maybe this node fell behind further than the stream keeps.
          const trimmed = await trimmedPast(key, before).catch(() => true);
          if (trimmed) {
            logger.warn({ room: stream.room }, "collab stream trimmed past this node: resyncing");
            stream.lost = true;
          }
        }
      }
    }
  }

  function deliver(stream: Stream, fields: Buffer[]) {
    let from: string | undefined;
    let code: string | undefined;
    let data: Uint8Array | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = (fields[i] as Buffer).toString();
      const value = fields[i + 1] as Buffer;
      if (name === "n") from = value.toString();
      else if (name === "k") code = value.toString();
      else if (name === "d") data = new Uint8Array(value);
    }
    if (from === me) return;
    const kind = code ? KINDS.get(code) : undefined;
    if (!kind || !data) return;
    try {
      if (kind === "resync") stream.listener.resync();
      else stream.listener.deliver(kind, data);
    } catch (error) {
      logger.warn({ err: error, room: stream.room, kind }, "collab stream entry not applied");
    }
  }

  // While Redis is away, followed rooms re-read the database instead.
  const poll = setInterval(() => {
    for (const s of streams.values()) if (s.lost) s.listener.resync();
  }, pollMs);
  poll.unref();

  const loop = readLoop().catch((error: unknown) =>
    logger.error({ err: error }, "collab stream reader stopped"),
  );

  return {
    enabled: true,
    async follow(room, listener) {
      const key = streamKey(room);
      const stream: Stream = { room, key, lastId: "0-0", lost: false, listener };
      try {
        stream.lastId = await endOf(key);
      } catch (error) {
        logger.warn({ err: error, room }, "collab stream position unknown (Redis unreachable)");
        stream.lost = true;
      }
      streams.set(key, stream);
      wake();
    },
    unfollow(room) {
      streams.delete(streamKey(room));
    },
    publish(room, kind, data) {
      append(room, kind, data).catch((error: unknown) => {
        if (kind === "update" || kind === "resync") unpublished.add(room);
        logger.warn({ err: error, room, kind }, "collab stream append failed");
      });
    },
    async close() {
      closed = true;
      clearInterval(poll);
      wake();
      reader.disconnect();
      await loop;
    },
  };
}
