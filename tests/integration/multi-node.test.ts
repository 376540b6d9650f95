// Several nodes on one PostgreSQL database and one Redis (docs/decisions/014-multi-node.md):
// stock y-websocket clients spread over the nodes by a round-robin balancer edit the same
// documents; edits, presence, sessions and access changes cross nodes; a node SIGKILLed in the
// middle of a burst loses nobody a character; a Redis killed and restarted mid-session loses
// nothing either. Needs PostgreSQL (127.0.0.1:5432 or DATABASE_URL_TEST_PG) and a redis-server
// binary (the test runs a Redis of its own, so it can kill it); skipped without them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import {
  type Balancer,
  redisServerBinary,
  startBalancer,
  startNodes,
  startTestRedis,
  type TestRedis,
} from "../helpers/cluster";
import { type Client, Clients, cookieJar, postForm, storedDoc, until } from "../helpers/collab";
import { createTempPgDatabase, pgAvailable } from "../helpers/db";
import { type ChildServer, signInCookie } from "../helpers/server";

const adminUrl = await pgAvailable();
const redisBinary = redisServerBinary();
const missing = !adminUrl ? "PostgreSQL" : !redisBinary ? "redis-server" : null;
if (missing) console.warn(`SKIPPED multi-node.test.ts: no ${missing} on this machine.`);

/** A document's demo subgroup members (they may write it). */
type Room = { id: string; members: string[] };

/** The demo's six subgroup documents (two members each), always in the same order. */
async function demoRooms(db: Db): Promise<Room[]> {
  const subgroups = await db.subgroup.findMany({
    include: { outcome: true, members: { include: { user: true } } },
    orderBy: { name: "asc" },
  });
  const rooms = subgroups
    .filter((s) => s.outcome && s.members.length >= 2)
    .map((s) => ({
      id: s.outcome!.id,
      members: s.members.map((m) => m.user.email),
    }));
  if (rooms.length < 6) throw new Error(`the demo seed has ${rooms.length} subgroups, not 6`);
  return rooms;
}

/**
 * Types unique tokens ("<who>.<n>|") at token boundaries only (the start, or just after a "|"),
 * so concurrent insertions never split each other's tokens and each can be counted.
 */
function typist(client: Client, who: string) {
  const typed: string[] = [];
  let n = 0;
  return {
    typed,
    typeOne() {
      const text = client.text.toString();
      const boundaries = [0];
      for (let i = text.indexOf("|"); i >= 0; i = text.indexOf("|", i + 1)) boundaries.push(i + 1);
      const at = boundaries[Math.floor(Math.random() * boundaries.length)] as number;
      const token = `${who}.${n++}`;
      client.text.insert(at, `${token}|`);
      typed.push(token);
    },
  };
}

/** Every token of `text` with how often it occurs. */
function tokenCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of text.split("|")) if (token) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** Every typed token occurs exactly once, and nothing else does. */
function expectExactlyOnce(text: string, typed: string[]) {
  const counts = tokenCounts(text);
  const missingTokens = typed.filter((t) => !counts.has(t));
  const doubled = [...counts].filter(([, c]) => c > 1).map(([t]) => t);
  const unknown = [...counts.keys()].filter((t) => !typed.includes(t));
  expect({ missing: missingTokens.slice(0, 10), doubled, unknown }).toEqual({
    missing: [],
    doubled: [],
    unknown: [],
  });
  expect(counts.size).toBe(typed.length);
}

describe.skipIf(missing)("several nodes on PostgreSQL and Redis", () => {
  let database: Awaited<ReturnType<typeof createTempPgDatabase>>;
  let redis: TestRedis;
  let db: Db;
  let nodes: ChildServer[] = [];
  let balancer: Balancer | undefined;
  const clients = new Clients();
  const cookie = cookieJar();

  beforeAll(async () => {
    database = await createTempPgDatabase(adminUrl!);
    redis = await startTestRedis(redisBinary!);
    nodes = await startNodes(3, {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SEED_DEMO: "true",
      LOG_LEVEL: "info",
    });
    db = createDb(resolveDatabase(database.url));
  });

  afterEach(async () => {
    clients.destroyAll();
    await balancer?.close();
    balancer = undefined;
  });

  afterAll(async () => {
    clients.destroyAll();
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.$disconnect();
    await redis?.kill();
    await database?.drop();
  });

  it("carries edits and presence between clients on different nodes, with sessions valid on every node", async () => {
    const room = (await demoRooms(db))[0];
    const [a, b] = [nodes[0]!, nodes[1]!];
    // Signed in on node A, the session cookie works on node B too.
    const aliceCookie = await cookie(a, room!.members[0]!);
    const alice = clients.connect(a, room!.id, aliceCookie);
    const bob = clients.connect(b, room!.id, await cookie(b, room!.members[1]!));
    const carol = clients.connect(b, room!.id, aliceCookie);
    await until(() => [alice, bob, carol].every((c) => c.provider.synced), "clients to sync");

    alice.text.insert(0, "van knooppunt A ");
    await until(() => bob.text.toString() === "van knooppunt A ", "A's edit on node B");
    bob.text.insert(bob.text.length, "en van B");
    await until(() => alice.text.toString() === "van knooppunt A en van B", "B's edit on A");

    alice.provider.awareness.setLocalStateField("user", { name: "Alice" });
    await until(
      () => bob.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === "Alice",
      "Alice's presence on node B",
    );
    // A client that arrives on node C later still learns who is on A and B (its node asks).
    const dave = clients.connect(nodes[2]!, room!.id, await cookie(nodes[2]!, room!.members[1]!));
    await until(() => dave.provider.synced, "the client on node C to sync");
    await until(
      () => dave.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === "Alice",
      "Alice's presence on node C",
    );
    alice.destroy();
    await until(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), "Alice gone");
    expect((await storedDoc(db, room!.id)).getText("t").toString()).toBe(
      "van knooppunt A en van B",
    );
  });

  it("applies an access change made on one node to connections on another at once", async () => {
    const room = (await demoRooms(db))[1];
    // A session of its own (the shared cookie jar must not hold a signed-out one).
    const memberCookie = await signInCookie(nodes[0]!.url, room!.members[0]!);
    const client = clients.connect(nodes[1]!, room!.id, memberCookie);
    await until(() => client.provider.synced, "the member to sync on node B");
    // Signing out on node A ends the session: node B closes its socket with 4403 right away
    // (not at the next periodic check, a minute later).
    const res = await postForm(nodes[0]!, "/logout", memberCookie, {});
    expect(res.status).toBe(302);
    await until(
      () => client.closes.some((c) => c.code === 4403),
      "node B to close the socket",
      5_000,
    );
  });

  it("loses no character when a node is SIGKILLed in the middle of a burst", async () => {
    balancer = await startBalancer(nodes.map((n) => n.port));
    const front = { port: balancer.port };
    const rooms = (await demoRooms(db)).slice(2, 5);
    const writers: { room: string; client: Client; typist: ReturnType<typeof typist> }[] = [];
    for (const [r, room] of rooms.entries()) {
      // Four writers per document: both members, each in two tabs.
      const emails = [...room.members, ...room.members].slice(0, 4);
      for (const [m, email] of emails.entries()) {
        const client = clients.connect(front, room.id, await cookie(nodes[0]!, email));
        writers.push({ room: room.id, client, typist: typist(client, `r${r}w${m}`) });
      }
    }
    await until(() => writers.every((w) => w.client.provider.synced), "12 clients to sync");
    const spread = balancer.open();
    const victim = nodes[1]!;
    expect(spread.get(victim.port) ?? 0).toBeGreaterThan(0); // the victim has clients

    // The burst: every writer types a token every 25 ms for 4 s; node 2 dies after 1.5 s.
    const burst = setInterval(() => {
      for (const w of writers) w.typist.typeOne();
    }, 25);
    await new Promise((r) => setTimeout(r, 1_500));
    const beforeKill = writers.reduce((n, w) => n + w.typist.typed.length, 0);
    victim.proc.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 2_500));
    clearInterval(burst);
    const typed = writers.flatMap((w) => w.typist.typed);
    expect(beforeKill).toBeGreaterThan(100);
    expect(typed.length).toBeGreaterThan(beforeKill + 100);

    // Everyone reconnects to a surviving node and every document converges.
    await until(
      () => writers.every((w) => w.client.provider.wsconnected && w.client.provider.synced),
      "every client to be connected again",
      30_000,
    );
    expect(balancer.open().get(victim.port) ?? 0).toBe(0);
    for (const room of rooms) {
      const inRoom = writers.filter((w) => w.room === room.id);
      const typedHere = inRoom.flatMap((w) => w.typist.typed);
      await until(
        () => inRoom.every((w) => w.client.text.toString() === inRoom[0]!.client.text.toString()),
        `room ${room.id} to converge`,
        30_000,
      );
      expectExactlyOnce(inRoom[0]!.client.text.toString(), typedHere);
      // And the database holds exactly that (what the killed node stored, others re-sent).
      await until(
        async () =>
          (await storedDoc(db, room.id)).getText("t").toString() ===
          inRoom[0]!.client.text.toString(),
        `room ${room.id} to be stored`,
        15_000,
      );
    }
    // The survivors still serve: a fresh client loads the same text.
    const check = clients.connect(
      nodes[2]!,
      rooms[0]!.id,
      await cookie(nodes[2]!, rooms[0]!.members[0]!),
    );
    await until(() => check.provider.synced, "a fresh client to sync");
    expectExactlyOnce(
      check.text.toString(),
      writers.filter((w) => w.room === rooms[0]!.id).flatMap((w) => w.typist.typed),
    );
    nodes = nodes.filter((n) => n !== victim);
  });

  it("recovers from a Redis restart mid-session without losing an update", async () => {
    const room = (await demoRooms(db))[5];
    const [a, b] = [nodes[0]!, nodes[1]!];
    const onA = clients.connect(a, room!.id, await cookie(a, room!.members[0]!));
    const onB = clients.connect(b, room!.id, await cookie(b, room!.members[1]!));
    await until(() => onA.provider.synced && onB.provider.synced, "both clients to sync");
    const start = onA.text.toString();
    const ta = typist(onA, "a");
    const tb = typist(onB, "b");
    const typeBoth = (times: number) => {
      for (let i = 0; i < times; i++) {
        ta.typeOne();
        tb.typeOne();
      }
    };
    const converged = () =>
      onA.text.toString() === onB.text.toString() &&
      [...ta.typed, ...tb.typed].every((t) => onA.text.toString().includes(`${t}|`));

    typeBoth(20);
    await until(converged, "both nodes in step before the outage");

    const health = async (node: ChildServer) =>
      (await (await fetch(`${node.url}/healthz`)).json()) as { ok: boolean; redis?: boolean };
    expect(await health(a)).toEqual({ ok: true, redis: true });
    await redis.kill();
    // The node still serves (status 200), and says Redis is away.
    await until(async () => (await health(a)).redis === false, "healthz to report Redis away");
    // During the outage the nodes re-read the database every second: still in step, slower.
    typeBoth(20);
    await until(converged, "both nodes in step during the outage", 15_000);

    await redis.start();
    typeBoth(20);
    await until(converged, "both nodes in step after Redis returned", 20_000);
    // Fan-out through Redis works again (not only the database poll).
    await until(() => a.output().includes("Redis reachable again"), "node A to reconnect", 15_000);
    await until(() => b.output().includes("Redis reachable again"), "node B to reconnect", 15_000);
    expect(await health(b)).toEqual({ ok: true, redis: true });
    typeBoth(5);
    await until(converged, "both nodes in step through Redis again", 5_000);

    const text = onA.text.toString();
    expect(text.startsWith(start) || start === "").toBe(true);
    expectExactlyOnce(text.slice(start.length), [...ta.typed, ...tb.typed]);
    await until(
      async () => (await storedDoc(db, room!.id)).getText("t").toString() === text,
      "the document to be stored",
    );
  });

  // Last: publishing moves a subgroup's document through review (the tests above write in it).
  it("pushes a publication made on one node to a live page open on another", async () => {
    const [a, c] = [nodes[0]!, nodes.at(-1)!];
    const registrant = await signInCookie(c.url, "deelnemer13@werkplaats.test");
    const controller = new AbortController();
    const response = await fetch(`${c.url}/communities/werken-aan-aanwezigheid/live`, {
      headers: { Cookie: registrant },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    let received = "";
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          received += value;
        }
      } catch {
        // aborted
      }
    })();
    await until(() => received.includes(": connected"), "the stream to open on the other node");

    const subgroup = await db.subgroup.findFirstOrThrow({
      where: { name: "Subgroep 1", theme: { name: "Samenwerken" } },
    });
    const leader = await signInCookie(a.url, "gespreksleider.samenwerken@werkplaats.test");
    const configured = await postForm(a, `/subgroups/${subgroup.id}`, leader, {
      intent: "configureOutcome",
      title: "Samen aan de slag",
      type: "stappenplan",
    });
    expect(configured.status).toBe(200);
    for (const transition of ["submit", "approve", "publish"]) {
      const step = await postForm(a, `/subgroups/${subgroup.id}/review`, leader, {
        intent: "transition",
        transition,
        note: "",
      });
      expect(step.status).toBe(200);
    }
    await until(
      () => received.includes("data: plenary\n\n"),
      "the plenary event on the other node",
    );
    controller.abort();
  });
});
