// Rate limits on every state-changing request and on websocket upgrades (issue 7, hardening),
// against the production server with small budgets: a burst of POSTs gets 429 with Retry-After
// and the Dutch (or English) message, per person and per IP address; reads are never limited;
// upgrades are counted per IP before the session is looked up. With Redis, two nodes share one
// budget (a Redis of the test's own; skipped with a warning when this machine has no
// redis-server).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisServerBinary, startTestRedis, type TestRedis } from "../helpers/cluster";
import { until, upgradeStatus } from "../helpers/collab";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

const USER_LIMIT = 5;
const IP_LIMIT = 6;
const BURST = 2;
const UPGRADES = 5;

function post(server: ChildServer, pathname: string, fields: Record<string, string>, cookie = "") {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

/** Marks all notifications read: a harmless state-changing request of a signed-in person. */
const markAllRead = (server: ChildServer, cookie: string, pathname = "/me") =>
  post(server, pathname, { intent: "markAllRead" }, cookie);

/** Sends `post` until one is refused (at most `max`); the number let through and the refusal. */
async function untilRefused(send: () => Promise<Response>, max = 50) {
  for (let allowed = 0; allowed < max; allowed++) {
    const res = await send();
    if (res.status === 429) return { allowed, refusal: res };
    expect(res.status, "a request within the budget").toBeLessThan(429);
    await res.arrayBuffer();
  }
  throw new Error(`no 429 after ${max} requests`);
}

describe("one node", () => {
  let server: ChildServer;
  let tmp: string;
  let member: string;
  let other: string;
  let english: string;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-rate-"));
    server = await spawnServer({
      DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`,
      OUTBOX_DIR: path.join(tmp, "outbox"),
      SEED_DEMO: "true",
      MUTATION_RATE_LIMIT_USER: String(USER_LIMIT),
      MUTATION_RATE_LIMIT_IP: String(IP_LIMIT),
      MUTATION_RATE_BURST: String(BURST),
      MUTATION_RATE_WINDOW_SECONDS: "60",
      COLLAB_UPGRADES_PER_IP_PER_MINUTE: String(UPGRADES),
    });
    // Sign-ins are state-changing requests of people not (yet) signed in: they count against
    // the IP address. These three are all the anonymous requests before the IP test below.
    member = await signInCookie(server.url, "deelnemer01@werkplaats.test");
    other = await signInCookie(server.url, "deelnemer02@werkplaats.test");
    english = await signInCookie(server.url, "deelnemer03@werkplaats.test");
  });

  afterAll(async () => {
    await server?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it("answers a burst of one person's POSTs with 429, Retry-After and a Dutch message", async () => {
    const { allowed, refusal } = await untilRefused(() => markAllRead(server, member));
    // The budget and the burst on top, not one more.
    expect(allowed).toBe(USER_LIMIT + BURST);
    expect(refusal.status).toBe(429);
    const retryAfter = Number(refusal.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refusal.headers.get("content-type")).toContain("text/plain");
    expect(await refusal.text()).toBe(
      `Je hebt in korte tijd te veel verstuurd. Wacht ${retryAfter} seconden en probeer het dan opnieuw.`,
    );
    // Every state-changing request, whatever the route: another page's form, sign-out too.
    expect((await post(server, "/set-language", { locale: "en" }, member)).status).toBe(429);
    expect((await post(server, "/logout", {}, member)).status).toBe(429);
    // Reads are never limited.
    const page = await fetch(`${server.url}/me`, { headers: { Cookie: member } });
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    // The session was not touched by the refusal.
    const still = await fetch(`${server.url}/me`, {
      headers: { Cookie: member },
      redirect: "manual",
    });
    expect(still.status).toBe(200);
    await still.arrayBuffer();
  });

  it("counts per person: someone else still gets through", async () => {
    const res = await markAllRead(server, other);
    expect(res.status).toBeLessThan(400);
    await res.arrayBuffer();
  });

  it("answers React Router's data request with the message as JSON, in the person's language", async () => {
    const cookie = `${english}; werkplaats_lang=en`;
    const { refusal } = await untilRefused(() => markAllRead(server, cookie, "/me.data"));
    expect(refusal.headers.get("content-type")).toContain("application/json");
    const retryAfter = Number(refusal.headers.get("retry-after"));
    expect(await refusal.json()).toEqual({
      message: `You have sent too much in a short time. Wait ${retryAfter} seconds and then try again.`,
      retryAfterSeconds: retryAfter,
    });
  });

  it("counts requests of people not signed in per IP address", async () => {
    const { allowed, refusal } = await untilRefused(() =>
      post(server, "/set-language", { locale: "en", redirectTo: "/" }),
    );
    // Three sign-ins came from this address before.
    expect(allowed).toBe(IP_LIMIT + BURST - 3);
    expect(Number(refusal.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Signing in is a state-changing request too: refused before the password is checked.
    const login = await post(server, "/login", {
      email: "deelnemer04@werkplaats.test",
      password: "Werkplaats2021!",
    });
    expect(login.status).toBe(429);
    expect(login.headers.get("set-cookie")).toBeNull();
    // Signed-in people behind the same address have their own budgets.
    const res = await markAllRead(server, other);
    expect(res.status).toBeLessThan(400);
  });

  it("counts websocket upgrades per IP address before the session is looked up", async () => {
    // Without a session each upgrade is refused (401) after the count; then the count refuses.
    for (let i = 0; i < UPGRADES; i++) expect(await upgradeStatus(server, "x".repeat(8))).toBe(401);
    expect(await upgradeStatus(server, "x".repeat(8), { Cookie: member })).toBe(429);
    await until(
      () => server.output().includes("collab upgrade rate exceeded"),
      "the refusal in the log",
    );
    expect(server.proc.exitCode).toBeNull();
  });
});

const redisBinary = redisServerBinary();
if (!redisBinary)
  console.warn("SKIPPED the Redis part of rate-limits.test.ts: no redis-server on this machine.");

describe.skipIf(!redisBinary)("two nodes with Redis", () => {
  let redis: TestRedis;
  let nodes: ChildServer[] = [];
  let tmp: string;

  beforeAll(async () => {
    redis = await startTestRedis(redisBinary!);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-rate-redis-"));
    // Each node on a database of its own: what they share here is Redis and the caller's IP
    // address (requests of people not signed in count per address).
    for (const name of ["a", "b"]) {
      nodes.push(
        await spawnServer({
          DATABASE_URL: `file:${path.join(tmp, `${name}.sqlite`)}`,
          OUTBOX_DIR: path.join(tmp, `outbox-${name}`),
          SEED_DEMO: "false",
          REDIS_URL: redis.url,
          MUTATION_RATE_LIMIT_IP: String(IP_LIMIT),
          MUTATION_RATE_BURST: String(BURST),
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    nodes = [];
    await redis?.kill();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  const setLanguage = (node: ChildServer) =>
    post(node, "/set-language", { locale: "en", redirectTo: "/" });

  it("share one budget: POSTs from one address spread over both nodes are counted together", async () => {
    const [a, b] = nodes as [ChildServer, ChildServer];
    let turn = 0;
    const { allowed, refusal } = await untilRefused(() => setLanguage(turn++ % 2 === 0 ? a : b));
    // Counted per node it would be twice this.
    expect(allowed).toBe(IP_LIMIT + BURST);
    expect(Number(refusal.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Both nodes refuse now.
    expect((await setLanguage(a)).status).toBe(429);
    expect((await setLanguage(b)).status).toBe(429);
  });

  it("fall back to counting on each node while Redis is down, and keep serving", async () => {
    const [a, b] = nodes as [ChildServer, ChildServer];
    await redis.kill();
    try {
      // Each node counts on its own now: the budget holds per node, and nothing is a 500.
      const onA = await untilRefused(() => setLanguage(a));
      expect(onA.allowed).toBe(IP_LIMIT + BURST);
      const onB = await untilRefused(() => setLanguage(b));
      expect(onB.allowed).toBe(IP_LIMIT + BURST);
      for (const node of nodes) {
        const page = await fetch(`${node.url}/`);
        expect(page.status).toBe(200);
        await page.arrayBuffer();
      }
    } finally {
      await redis.start();
    }
    for (const node of nodes) expect(node.proc.exitCode).toBeNull();
  });
});
