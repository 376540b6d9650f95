// The sync server with the stock y-websocket client: edits reach the other members, are durable
// before anyone sees them (a SIGKILL loses nothing), read-only connections cannot change the
// document, and malformed frames close only their own connection.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let db: Db;
let env: Record<string, string>;
let room: string;
let members: string[];
const providers: WebsocketProvider[] = [];

/** A stock y-websocket client that sends the member's session cookie, as a browser would. */
function connect(cookie: string, doc = new Y.Doc()) {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie } });
    }
  }
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, room, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider, text: doc.getText("t") };
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-collab-"));
  env = { DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`, SEED_DEMO: "true" };
  server = await spawnServer(env);
  db = createDb(resolveDatabase(env.DATABASE_URL));
  const membership = await db.subgroupMembership.findFirstOrThrow({
    where: { user: { email: "deelnemer01@werkplaats.test" } },
    include: { subgroup: { include: { outcome: true, members: { include: { user: true } } } } },
  });
  room = membership.subgroup.outcome!.id;
  members = membership.subgroup.members.map((m) => m.user.email);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("realtime sync through /collab/<room>", () => {
  it("relays one member's edit to another member", async () => {
    const a = connect(await signInCookie(server.url, members[0]!));
    const b = connect(await signInCookie(server.url, members[1]!));
    await until(() => a.provider.synced && b.provider.synced, "both clients to sync");
    a.text.insert(0, "Stappenplan aanwezigheid. ");
    await until(() => b.text.toString() === "Stappenplan aanwezigheid. ", "the edit to arrive");
    b.text.insert(b.text.length, "Stap 1: signaleren.");
    await until(
      () => a.text.toString() === "Stappenplan aanwezigheid. Stap 1: signaleren.",
      "the reply to arrive",
    );
    a.provider.destroy();
    b.provider.destroy();
  });

  it("loses nothing that another member has seen when the server is killed", async () => {
    const a = connect(await signInCookie(server.url, members[0]!));
    const b = connect(await signInCookie(server.url, members[1]!));
    await until(() => a.provider.synced && b.provider.synced, "both clients to sync");
    a.text.insert(a.text.length, " Stap 2: gesprek met ouders.");
    const expected = a.text.toString();
    await until(() => b.text.toString() === expected, "the edit to be relayed");
    a.provider.destroy();
    b.provider.destroy();
    await server.stop("SIGKILL");

    // The restarted server migrates first; it must find the SQLite file free of our test client.
    await db.$disconnect();
    server = await spawnServer(env);
    db = createDb(resolveDatabase(env.DATABASE_URL!));
    const c = connect(await signInCookie(server.url, members[0]!));
    await until(() => c.provider.synced, "the reconnect to sync");
    expect(c.text.toString()).toBe(expected);
    c.provider.destroy();
  });

  it("keeps a locked document read-only for members, live for the facilitator", async () => {
    await db.outcome.update({ where: { id: room }, data: { locked: true } });
    try {
      const leader = connect(
        await signInCookie(server.url, "gespreksleider.beleid@werkplaats.test"),
      );
      const member = connect(await signInCookie(server.url, members[1]!));
      await until(() => leader.provider.synced && member.provider.synced, "both clients to sync");
      const before = leader.text.toString();
      member.text.insert(0, "NIET TOEGESTAAN ");
      leader.text.insert(leader.text.length, " (vergrendeld)");
      await until(
        () => member.text.toString().endsWith(" (vergrendeld)"),
        "the facilitator's edit",
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(leader.text.toString()).toBe(`${before} (vergrendeld)`);
      const logged = await db.outcomeUpdate.findMany({ where: { outcomeId: room } });
      const stored = new Y.Doc();
      const outcome = await db.outcome.findUniqueOrThrow({ where: { id: room } });
      if (outcome.ydocState) Y.applyUpdate(stored, new Uint8Array(outcome.ydocState));
      for (const u of logged) Y.applyUpdate(stored, new Uint8Array(u.update));
      expect(stored.getText("t").toString()).not.toContain("NIET TOEGESTAAN");
      leader.provider.destroy();
      member.provider.destroy();
    } finally {
      await db.outcome.update({ where: { id: room }, data: { locked: false } });
    }
  });

  it("closes a connection that sends malformed frames and keeps serving the document", async () => {
    const cookie = await signInCookie(server.url, members[0]!);
    for (const frame of [
      Buffer.from([0, 1, 200, 200, 200]),
      Buffer.from([9, 9]),
      Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]),
      Buffer.alloc(0),
    ]) {
      const code = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${room}`, {
          headers: { Cookie: cookie },
        });
        ws.on("open", () => ws.send(frame));
        ws.on("close", (c) => resolve(c));
        ws.on("error", reject);
      });
      expect(code).toBe(1003);
    }
    const c = connect(cookie);
    await until(() => c.provider.synced, "a fresh client to sync");
    expect(c.text.toString()).toContain("Stap 2: gesprek met ouders.");
    c.provider.destroy();
    expect(server.proc.exitCode).toBeNull();
  });
});
