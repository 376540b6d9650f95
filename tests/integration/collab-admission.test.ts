// Admission control against the production server: with room for one join at a time and one
// waiting, a crowd of simultaneous upgrades gets some sockets opened and the rest a 503 with
// Retry-After — never a hang or a crash — and stock clients that back off all get in.
// On PostgreSQL: on SQLite a join completes within one turn of the event loop, so joins never
// overlap and the gate never fills (skipped without PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import { Clients, cookieJar, roomUrl, subgroupOf, until } from "../helpers/collab";
import { createTempPgDatabase, pgAvailable } from "../helpers/db";
import { type ChildServer, spawnServer } from "../helpers/server";

const adminUrl = await pgAvailable();
if (!adminUrl) console.warn("SKIPPED collab-admission.test.ts: no PostgreSQL server answers.");

let server: ChildServer;
let database: Awaited<ReturnType<typeof createTempPgDatabase>>;
let db: Db;
const clients = new Clients();
const cookie = cookieJar();

describe.skipIf(!adminUrl)("admission control", () => {
  beforeAll(async () => {
    database = await createTempPgDatabase(adminUrl!);
    const env = {
      DATABASE_URL: database.url,
      SEED_DEMO: "true",
      COLLAB_MAX_ACTIVE_JOINS: "1",
      COLLAB_MAX_WAITING_JOINS: "1",
      COLLAB_MAX_CONNECTIONS_PER_USER: "100",
    };
    server = await spawnServer(env);
    db = createDb(resolveDatabase(env.DATABASE_URL));
  });

  afterAll(async () => {
    clients.destroyAll();
    await db?.$disconnect();
    await server?.stop();
    await database?.drop();
  });

  /** Opens a raw upgrade; resolves with 101 (left open) or the refusal's status and headers. */
  function attempt(room: string, c: string) {
    return new Promise<{ status: number; retryAfter?: string; ws?: WebSocket }>(
      (resolve, reject) => {
        const ws = new WebSocket(roomUrl(server, room), { headers: { Cookie: c } });
        ws.once("open", () => resolve({ status: 101, ws }));
        ws.once("unexpected-response", (req, res) => {
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"] as string,
          });
          req.destroy();
        });
        ws.once("error", (error) => {
          if (ws.readyState !== WebSocket.CLOSED) reject(error);
        });
      },
    );
  }

  it("refuses what does not fit with 503 and Retry-After, and backing-off clients all get in", async () => {
    const { room, members } = await subgroupOf(db, "deelnemer01@werkplaats.test");
    const c = await cookie(server, members[0]!.email);
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(room, c)));
    const opened = results.filter((r) => r.status === 101);
    const refused = results.filter((r) => r.status === 503);
    expect(opened.length + refused.length).toBe(20);
    expect(opened.length).toBeGreaterThanOrEqual(2); // one running, one waiting
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    for (const r of opened) r.ws?.close();

    // Stock clients with jittered backoff: all of them sync in the end, and edits flow.
    const crowd = Array.from({ length: 15 }, () => clients.connect(server, room, c));
    await until(() => crowd.every((x) => x.provider.synced), "every client to get in", 30_000);
    crowd[0]!.text.insert(0, "binnen");
    await until(() => crowd.every((x) => x.text.toString() === "binnen"), "the edit to reach all");
    expect(server.output()).toContain("too many joins waiting");
  });
});
