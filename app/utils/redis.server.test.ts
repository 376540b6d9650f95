// Leases among nodes on the real Redis (127.0.0.1:6379 or REDIS_URL_TEST); skipped without one.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const url = process.env.REDIS_URL_TEST ?? "redis://127.0.0.1:6379";
const reachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port || 6379), hostname);
  socket.once("connect", () => {
    socket.destroy();
    resolve(true);
  });
  socket.once("error", () => resolve(false));
});
if (!reachable) console.warn(`SKIPPED redis.server.test.ts: no Redis at ${url}.`);

// The module reads the environment once: set it before importing.
process.env.REDIS_URL = url;
process.env.REDIS_KEY_PREFIX = `werkplaats-test-${process.pid}-${Date.now()}:`;
const { claim, closeRedis, redisReady } = await import("./redis.server");

describe.skipIf(!reachable)("claim", () => {
  beforeAll(async () => {
    expect(await redisReady(5_000)).toBe(true); // as the server waits at start
  });
  afterAll(() => closeRedis());

  it("lets one holder at a time do the work, and frees it on release", async () => {
    const first = await claim("auto-version:x", 5_000);
    const second = await claim("auto-version:x", 5_000);
    expect(first.acquired).toBe(true);
    expect(second.acquired).toBe(false);
    expect((await claim("auto-version:other", 5_000)).acquired).toBe(true);
    await second.release(); // a holder that did not get it frees nothing
    expect((await claim("auto-version:x", 5_000)).acquired).toBe(false);
    await first.release();
    expect((await claim("auto-version:x", 5_000)).acquired).toBe(true);
  });

  it("ends by itself, and a late release does not free the next holder's lease", async () => {
    const dead = await claim("pdf-render:y", 100);
    expect(dead.acquired).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const next = await claim("pdf-render:y", 5_000);
    expect(next.acquired).toBe(true);
    await dead.release();
    expect((await claim("pdf-render:y", 5_000)).acquired).toBe(false);
  });
});
