// A SIGKILL of the server in the middle of a typing burst by three people loses nothing: what
// anyone had seen is on disk (updates are stored before they are relayed), and when the clients
// come back with the documents they kept (as a browser with IndexedDB does), every character
// anyone typed is in the document exactly once.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "~/lib/database-url";
import { createDb } from "~/utils/db.server";
import { type Client, Clients, cookieJar, subgroupOf, until } from "../helpers/collab";
import { type ChildServer, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let env: Record<string, string>;
let room: string;
const clients = new Clients();
const cookie = cookieJar();
const WRITERS = [
  { email: "deelnemer01@werkplaats.test", tag: "a" },
  { email: "deelnemer02@werkplaats.test", tag: "b" },
  { email: "gespreksleider.beleid@werkplaats.test", tag: "c" },
];
const TOKEN = /\[[abc]\d+\]/g;

const synced = (...cs: Client[]) =>
  until(() => cs.every((c) => c.provider.synced), `${cs.length} client(s) to sync`);

const tokensIn = (text: string) => text.match(TOKEN) ?? [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-crash-"));
  env = { DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`, SEED_DEMO: "true" };
  server = await spawnServer(env);
  // Only to find the room; disconnected at once so the restarted server finds the file free.
  const db = createDb(resolveDatabase(env.DATABASE_URL));
  room = (await subgroupOf(db, "deelnemer01@werkplaats.test")).room;
  await db.$disconnect();
});

afterAll(async () => {
  clients.destroyAll();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("a server crash during a typing burst", () => {
  it("keeps every character typed by three clients exactly once after SIGKILL and restart", async () => {
    const writers = await Promise.all(
      WRITERS.map(async (w) => ({
        ...w,
        typed: [] as string[],
        client: clients.connect(server, room, await cookie(server, w.email)),
      })),
    );
    await synced(...writers.map((w) => w.client));

    // Every 10 ms each writer types a token at a random token boundary of what it sees.
    const typeOne = (w: (typeof writers)[number]) => {
      const token = `[${w.tag}${w.typed.length}]`;
      w.typed.push(token);
      const text = w.client.text;
      const boundaries = [0, ...[...text.toString().matchAll(/\]/g)].map((m) => m.index + 1)];
      text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, token);
    };
    const fromOthers = (w: (typeof writers)[number]) =>
      tokensIn(w.client.text.toString()).filter((t) => !t.startsWith(`[${w.tag}`));
    let killRequested = false;
    let seenBeforeKill: Set<string> | undefined;
    let typedBeforeKill: number[] = [];
    const timer = setInterval(() => {
      for (const w of writers) typeOne(w);
      if (killRequested && !seenBeforeKill) {
        // Killed right behind this round of keystrokes, which are still on their way. What a
        // client has received from another was stored before it was relayed.
        seenBeforeKill = new Set(writers.flatMap((w) => fromOthers(w)));
        typedBeforeKill = writers.map((w) => w.typed.length);
        server.proc.kill("SIGKILL");
      }
    }, 10);
    try {
      // The burst is in full flow: each writer has seen plenty from the others through the server.
      await until(
        () => writers.every((w) => fromOthers(w).length >= 60),
        "the burst to be relayed",
      );
      killRequested = true;
      await server.stop("SIGKILL");
      const seen = seenBeforeKill!;
      expect(typedBeforeKill.reduce((a, b) => a + b) - seen.size).toBeGreaterThanOrEqual(3);
      // They keep typing while the server is gone.
      await until(
        () => writers.every((w, i) => w.typed.length >= typedBeforeKill[i]! + 15),
        "typing to go on while offline",
      );
      clearInterval(timer);
      for (const w of writers) expect(w.client.closes.map((c) => c.code)).not.toContain(1008);
      clients.destroyAll(); // The page is gone; its document stays (IndexedDB).

      server = await spawnServer(env);
      // Before anyone comes back, the server has everything that anyone had seen.
      const fresh = clients.connect(server, room, await cookie(server, WRITERS[0]!.email));
      await synced(fresh);
      const onDisk = new Set(tokensIn(fresh.text.toString()));
      const lost = [...seen].filter((t) => !onDisk.has(t));
      expect(lost).toEqual([]);

      // The writers come back with the documents they kept.
      const back = await Promise.all(
        writers.map(async (w) =>
          clients.connect(server, room, await cookie(server, w.email), { doc: w.client.doc }),
        ),
      );
      await synced(...back);
      const typed = writers.flatMap((w) => w.typed);
      await until(
        () =>
          [...back, fresh].every((c) => tokensIn(c.text.toString()).length === typed.length) &&
          back.every((c) => c.text.toString() === fresh.text.toString()),
        "every client to converge on everything typed",
      );
      const text = fresh.text.toString();
      const counts = new Map<string, number>();
      for (const t of tokensIn(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
      expect(typed.filter((t) => counts.get(t) !== 1)).toEqual([]);
      expect(counts.size).toBe(typed.length);
      expect(text.replace(TOKEN, "")).toBe("");
    } finally {
      clearInterval(timer);
    }
  });
});
