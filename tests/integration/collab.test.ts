// The sync server with the stock y-websocket client: edits reach the other members and converge,
// presence comes and goes, only members get in, edits are durable before anyone sees them (a
// SIGKILL loses nothing), read-only connections cannot change the document, malformed frames and
// floods close only their own connection, a user's connections are capped, and a client that asks
// for it is told when its updates are stored. One server with the default limits serves this file.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import {
  type Client,
  Clients,
  closeCode,
  cookieJar,
  openSocket,
  storedDoc,
  subgroupOf,
  until,
  upgradeStatus,
} from "../helpers/collab";
import { type ChildServer, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let db: Db;
let env: Record<string, string>;
let room: string;
let subgroupId: string;
let members: string[];
const clients = new Clients();
const cookie = cookieJar();
const LEADER = "gespreksleider.beleid@werkplaats.test";

function connect(email: string, options: { doc?: Y.Doc; acks?: boolean } = {}) {
  return cookie(server, email).then((c) => clients.connect(server, room, c, options));
}

const synced = (...cs: Client[]) =>
  until(() => cs.every((c) => c.provider.synced), `${cs.length} client(s) to sync`);

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-collab-"));
  env = { DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`, SEED_DEMO: "true" };
  server = await spawnServer(env);
  db = createDb(resolveDatabase(env.DATABASE_URL));
  const subgroup = await subgroupOf(db, "deelnemer01@werkplaats.test");
  room = subgroup.room;
  subgroupId = subgroup.id;
  members = subgroup.members.map((m) => m.email);
});

afterEach(() => clients.destroyAll());

afterAll(async () => {
  clients.destroyAll();
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("realtime sync through /collab/<room>", () => {
  it("relays one member's edit to another member", async () => {
    const a = await connect(members[0]!);
    const b = await connect(members[1]!);
    await synced(a, b);
    a.text.insert(0, "Stappenplan aanwezigheid. ");
    await until(() => b.text.toString() === "Stappenplan aanwezigheid. ", "the edit to arrive");
    b.text.insert(b.text.length, "Stap 1: signaleren.");
    await until(
      () => a.text.toString() === "Stappenplan aanwezigheid. Stap 1: signaleren.",
      "the reply to arrive",
    );
  });

  it("converges when two members type at the same time, and gives a late joiner everything", async () => {
    const a = await connect(members[0]!);
    const b = await connect(members[1]!);
    await synced(a, b);
    const start = a.text.toString();
    // Both sides edit before either has seen the other's edits: interleaved, at random places.
    const tokens: string[] = [];
    for (let i = 0; i < 60; i++) {
      for (const [side, c] of [
        ["a", a],
        ["b", b],
      ] as const) {
        const token = `<${side}${i}>`;
        tokens.push(token);
        const boundaries = [0, ...[...c.text.toString().matchAll(/>/g)].map((m) => m.index + 1)];
        c.text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, token);
      }
    }
    await until(
      () => a.text.toString() === b.text.toString() && a.text.length === b.text.length,
      "both sides to show the same text",
    );
    await until(
      () => tokens.every((t) => a.text.toString().includes(t)),
      "every token to reach both sides",
    );
    const text = a.text.toString();
    expect(b.text.toString()).toBe(text);
    for (const token of tokens) expect(text.split(token).length - 1, token).toBe(1);
    expect(text.replace(/<[ab]\d+>/g, "")).toBe(start.replace(/<[ab]\d+>/g, ""));

    const late = await connect(LEADER);
    await synced(late);
    expect(late.text.toString()).toBe(text);
    expect(Y.decodeStateVector(Y.encodeStateVector(late.doc))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(a.doc)),
    );
  });

  it("shows a member's name and colour to the others and removes it when they leave", async () => {
    const a = await connect(members[0]!);
    const b = await connect(members[1]!);
    await synced(a, b);
    const user = { name: "Annemieke Jansen", color: "#d9480f" };
    a.provider.awareness.setLocalStateField("user", user);
    const seenBy = (c: Client, id: number) =>
      (c.provider.awareness.getStates().get(id) as { user?: typeof user } | undefined)?.user;
    await until(() => seenBy(b, a.doc.clientID)?.name === user.name, "A's presence at B");
    expect(seenBy(b, a.doc.clientID)).toEqual(user);

    // A late joiner gets the presence of those already there.
    const c = await connect(LEADER);
    await synced(c);
    await until(() => seenBy(c, a.doc.clientID)?.name === user.name, "A's presence at C");

    // A leaves properly: gone at B and C.
    a.destroy();
    await until(() => !b.provider.awareness.getStates().has(a.doc.clientID), "A gone at B");
    await until(() => !c.provider.awareness.getStates().has(a.doc.clientID), "A gone at C");

    // B's connection drops without a goodbye (network gone): the server removes B's presence.
    b.provider.awareness.setLocalStateField("user", { name: "Bas van Dijk", color: "#1c7ed6" });
    await until(() => seenBy(c, b.doc.clientID)?.name === "Bas van Dijk", "B's presence at C");
    b.provider.shouldConnect = false;
    (b.provider.ws as unknown as WebSocket).terminate();
    await until(
      () => !c.provider.awareness.getStates().has(b.doc.clientID),
      "B gone at C after its connection dropped",
      5_000,
    );
  });

  it("refuses the upgrade without a session (401) and to a participant of another subgroup (403), who cannot read the page either", async () => {
    const outsider = await cookie(server, "deelnemer03@werkplaats.test");
    const member = await cookie(server, members[0]!);
    expect(await upgradeStatus(server, room)).toBe(401);
    expect(await upgradeStatus(server, room, { Cookie: outsider })).toBe(403);
    // The member is let in: the refusals are about who asks.
    expect(await upgradeStatus(server, room, { Cookie: member })).toBe(101);
    // A page on another site cannot open the socket with the member's cookie.
    expect(
      await upgradeStatus(server, room, { Cookie: member, Origin: "https://elders.example" }),
    ).toBe(403);

    const page = (c: string) =>
      fetch(`${server.url}/subgroups/${subgroupId}`, {
        headers: { Cookie: c },
        redirect: "manual",
      });
    const refused = await page(outsider);
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(body).not.toContain(room);
    const allowed = await page(member);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
  });

  it("loses nothing that another member has seen when the server is killed", async () => {
    const a = await connect(members[0]!);
    const b = await connect(members[1]!);
    await synced(a, b);
    a.text.insert(a.text.length, " Stap 2: gesprek met ouders.");
    const expected = a.text.toString();
    await until(() => b.text.toString() === expected, "the edit to be relayed");
    clients.destroyAll();
    await server.stop("SIGKILL");

    // The restarted server migrates first; it must find the SQLite file free of our test client.
    await db.$disconnect();
    server = await spawnServer(env);
    db = createDb(resolveDatabase(env.DATABASE_URL!));
    const c = await connect(members[0]!);
    await synced(c);
    expect(c.text.toString()).toBe(expected);
  });

  it("keeps a locked document read-only for members (nothing relayed or stored), live for the facilitator", async () => {
    await db.outcome.update({ where: { id: room }, data: { locked: true } });
    try {
      const leader = await connect(LEADER);
      const member = await connect(members[1]!, { acks: true });
      await synced(leader, member);
      // The member's first (empty) sync reply is acknowledged: the connection works.
      await until(() => member.acks.at(-1) === member.sentUpdates(), "the first acknowledgement");
      const before = leader.text.toString();
      const acked = member.acks.length;
      member.text.insert(0, "NIET TOEGESTAAN ");
      // The server answers the batch with the member's edit: it was handled, and refused.
      await until(() => member.acks.length > acked, "the server to handle the member's edit");
      expect(member.acks.at(-1)).toBe(member.sentUpdates() - 1);
      leader.text.insert(leader.text.length, " (vergrendeld)");
      await until(
        () => member.text.toString().includes(" (vergrendeld)"),
        "the facilitator's edit",
      );
      expect(leader.text.toString()).toBe(`${before} (vergrendeld)`);
      const fresh = await connect(members[0]!);
      await synced(fresh);
      expect(fresh.text.toString()).toBe(`${before} (vergrendeld)`);
      const stored = await storedDoc(db, room);
      expect(stored.getText("t").toString()).not.toContain("NIET TOEGESTAAN");
      expect(stored.getText("t").toString()).toContain("(vergrendeld)");
      expect(member.closes).toEqual([]);
    } finally {
      // The member's client still holds its refused edit: gone before the document opens again.
      clients.destroyAll();
      await db.outcome.update({ where: { id: room }, data: { locked: false } });
    }
  });

  it("closes a connection that sends malformed frames and keeps serving the document", async () => {
    const member = await cookie(server, members[0]!);
    for (const frame of [
      Buffer.from([0, 1, 200, 200, 200]),
      Buffer.from([9, 9]),
      Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]),
      Buffer.alloc(0),
      // Well-formed envelopes around garbage: a state vector, an awareness update.
      Buffer.from([0, 0, 1, 7]),
      Buffer.from([1, 3, 1, 5, 0]),
    ]) {
      const ws = await openSocket(server, room, member);
      const closed = closeCode(ws);
      ws.send(frame);
      expect(await closed, `close code after ${frame.toString("hex")}`).toBe(1003);
    }
    const c = await connect(members[0]!);
    await synced(c);
    expect(c.text.toString()).toContain("Stap 2: gesprek met ouders.");
    expect(server.proc.exitCode).toBeNull();
  });

  it("tells a client that asks for it (acks=1) how many of its updates are stored, and no other client", async () => {
    const a = await connect(members[0]!, { acks: true });
    const b = await connect(members[1]!);
    await synced(a, b);
    for (const word of ["Stap 3:", " afspraken", " vastleggen", " in het", " leerlingdossier."]) {
      a.text.insert(a.text.length, word);
    }
    const typed = a.text.toString();
    // Sync reply + one update per insert.
    expect(a.sentUpdates()).toBe(6);
    let storedWhenAcknowledged = "";
    await until(async () => {
      if (a.acks.at(-1) !== a.sentUpdates()) return false;
      storedWhenAcknowledged = (await storedDoc(db, room)).getText("t").toString();
      return true;
    }, "every update of A to be acknowledged");
    // An acknowledgement means stored: the database has the text the moment it arrives.
    expect(storedWhenAcknowledged).toBe(typed);
    expect(Math.max(...a.acks)).toBe(a.sentUpdates());
    expect(a.acks).toEqual([...a.acks].sort((x, y) => x - y));

    // B (a stock client without the parameter) edits too and gets no acknowledgement: B's update
    // is stored and relayed to A, then A's next edit reaches B behind anything meant for B.
    await until(() => b.text.toString() === typed, "A's edits at B");
    b.text.insert(b.text.length, " (B)");
    await until(() => a.text.toString().endsWith(" (B)"), "B's edit at A");
    a.text.insert(a.text.length, " (A)");
    await until(() => b.text.toString().endsWith(" (B) (A)"), "A's next edit at B");
    expect(b.sentUpdates()).toBeGreaterThan(1);
    expect(b.closes).toEqual([]); // one connection all along: nothing reset its record
    expect(b.acks).toEqual([]);
    await until(() => a.acks.at(-1) === a.sentUpdates(), "A's last edit to be acknowledged");
  });

  it("tells clients that ask for it (acks=1) when the outcome's status changes, and no other client", async () => {
    const a = await connect(members[0]!, { acks: true });
    const b = await connect(members[1]!);
    await synced(a, b);
    const response = await fetch(`${server.url}/subgroups/${subgroupId}/review`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: server.url,
        Cookie: await cookie(server, members[0]!),
      },
      body: "intent=transition&transition=submit&note=",
    });
    expect(response.status).toBe(200);
    await until(() => a.events.includes("status"), "the status event at A");
    // B's stock client would not understand it: it never gets one.
    a.text.insert(0, "x");
    await until(() => b.text.toString().startsWith("x"), "A's next edit at B");
    expect(b.events).toEqual([]);
  });

  it("closes a connection that floods messages (1008) under the default limit, not the user's other connections", async () => {
    const a = await connect(members[0]!);
    const b = await connect(members[1]!);
    await synced(a, b);
    const ws = await openSocket(server, room, await cookie(server, members[1]!));
    const closed = closeCode(ws);
    const query = encoding.createEncoder();
    encoding.writeVarUint(query, 3); // query awareness: well-formed, and cheap to answer
    const frame = encoding.toUint8Array(query);
    for (let i = 0; i < 1_000; i++) ws.send(frame);
    expect(await closed).toBe(1008);
    a.text.insert(a.text.length, " Na de vloed.");
    await until(() => b.text.toString().endsWith(" Na de vloed."), "B to keep receiving");
    expect(b.closes).toEqual([]);
  });

  it("refuses a user's 21st connection (429) under the default cap, and admits one when another closes", async () => {
    const organiser = await cookie(server, "organisator@werkplaats.test");
    // Twenty stock clients in one process, each with its own process exit listener.
    const maxListeners = process.getMaxListeners();
    process.setMaxListeners(maxListeners + 25);
    try {
      const tabs: Client[] = [];
      for (let i = 0; i < 20; i++) tabs.push(clients.connect(server, room, organiser));
      await synced(...tabs);
      expect(await upgradeStatus(server, room, { Cookie: organiser })).toBe(429);
      tabs[0]!.destroy();
      await until(
        async () => (await upgradeStatus(server, room, { Cookie: organiser })) === 101,
        "a free slot after one connection closed",
        5_000,
      );
      expect(tabs.slice(1).every((t) => t.closes.length === 0)).toBe(true);
    } finally {
      clients.destroyAll();
      process.setMaxListeners(maxListeners);
    }
  });
});
