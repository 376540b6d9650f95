// Redis, when REDIS_URL is set (several nodes): one command connection per process, plus
// dedicated connections for blocking reads and subscriptions. Without REDIS_URL everything that
// uses Redis falls back to this process alone (one node), and `redis()` returns null.
//
// Commands fail fast while Redis is unreachable (no offline queue): every caller treats Redis as
// a fan-out and shared-counter service, never as the place where data lives, and has a path for
// an outage (see docs/decisions/014-multi-node.md). The connection itself retries forever.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

// On globalThis: this module is bundled into both the app build and the server entry.
const globalForRedis = globalThis as {
  __werkplaatsRedis?: { client: Redis | null | undefined; nodeId: string; extra: Set<Redis> };
};
globalForRedis.__werkplaatsRedis ??= { client: undefined, nodeId: randomUUID(), extra: new Set() };
const state = globalForRedis.__werkplaatsRedis;

/** This process's id among the nodes (messages it published itself are skipped on receipt). */
export const nodeId = (): string => state.nodeId;

/**
 * A Redis key or channel name of this instance: REDIS_KEY_PREFIX + name, so that one Redis can
 * serve several instances (staging next to production, parallel test clusters).
 */
export const redisKey = (name: string): string => `${getEnv().REDIS_KEY_PREFIX}${name}`;

function connect(url: string, name: string, options: { offlineQueue: boolean }): Redis {
  const connection = new Redis(url, {
    connectionName: `werkplaats-${name}`,
    enableOfflineQueue: options.offlineQueue,
    maxRetriesPerRequest: options.offlineQueue ? null : 1,
    // Reconnect forever, quickly at first, at most every two seconds.
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  let reported = false;
  connection.on("error", (error: Error) => {
    // ioredis repeats the same error at every retry: log it once per outage.
    if (reported) return;
    reported = true;
    logger.warn({ err: error, connection: name }, "Redis unreachable; retrying");
  });
  connection.on("ready", () => {
    if (reported) logger.info({ connection: name }, "Redis reachable again");
    reported = false;
  });
  return connection;
}

/** The shared command connection, or null without REDIS_URL. */
export function redis(): Redis | null {
  if (state.client === undefined) {
    const url = getEnv().REDIS_URL;
    state.client = url ? connect(url, "commands", { offlineQueue: false }) : null;
  }
  return state.client;
}

/**
 * A new connection of its own (blocking stream reads, subscriptions), or null without
 * REDIS_URL. Commands sent while it is reconnecting wait for it. Closed by closeRedis().
 */
export function newRedisConnection(name: string): Redis | null {
  const url = getEnv().REDIS_URL;
  if (!url) return null;
  const connection = connect(url, name, { offlineQueue: true });
  state.extra.add(connection);
  connection.on("end", () => state.extra.delete(connection));
  return connection;
}

/** Waits until the command connection is ready (at start); false after `timeoutMs`. */
export async function redisReady(timeoutMs = 10_000): Promise<boolean> {
  const client = redis();
  if (!client) return true;
  if (client.status === "ready") return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once("ready", onReady);
  });
}

/** Closes every Redis connection of this process (shutdown). */
export async function closeRedis(): Promise<void> {
  const all = [...state.extra, ...(state.client ? [state.client] : [])];
  state.extra.clear();
  state.client = undefined;
  await Promise.all(
    all.map((c) =>
      c.status === "ready" ? c.quit().catch(() => c.disconnect()) : Promise.resolve(c.disconnect()),
    ),
  );
}

/** Deletes a lock only while it still holds our token (it may have expired and been retaken). */
const RELEASE_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

export type Claim = { acquired: boolean; release(): Promise<void> };

/**
 * A short lease on `name` among all nodes (SET NX PX): only one node does a thing at a time
 * (an automatic version, rendering one PDF). One node alone always gets it; so does a node
 * whose Redis is unreachable (the work may then be done twice, never not at all). The lease ends
 * by itself after `ttlMs`, so a node that dies holding it blocks nobody for long.
 */
export async function claim(name: string, ttlMs: number): Promise<Claim> {
  const client = redis();
  const free: Claim = { acquired: true, release: async () => {} };
  if (!client) return free;
  const key = redisKey(`claim:${name}`);
  const token = `${nodeId()}:${randomUUID()}`;
  try {
    const ok = await client.set(key, token, "PX", ttlMs, "NX");
    if (ok !== "OK") return { acquired: false, release: async () => {} };
  } catch (error) {
    logger.warn({ err: error, name }, "Redis unreachable: claim taken on this node alone");
    return free;
  }
  return {
    acquired: true,
    async release() {
      await client.eval(RELEASE_SCRIPT, 1, key, token).catch(() => {});
    },
  };
}
