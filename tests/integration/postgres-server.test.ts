// The same production server on PostgreSQL: it migrates an empty database by itself, seeds the
// demo community, and a seeded participant signs in and reaches their subgroup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createTempPgDatabase, pgAvailable } from "../helpers/db";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

const adminUrl = await pgAvailable();
if (!adminUrl)
  console.warn(
    "SKIPPED postgres-server.test.ts: no PostgreSQL server answers (set DATABASE_URL_TEST_PG).",
  );

describe.skipIf(!adminUrl)("Werkplaats on PostgreSQL", () => {
  let server: ChildServer;
  let database: Awaited<ReturnType<typeof createTempPgDatabase>>;

  beforeAll(async () => {
    database = await createTempPgDatabase(adminUrl!);
    server = await spawnServer({ DATABASE_URL: database.url, SEED_DEMO: "true" });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("applied the migrations and seeded on start", () => {
    expect(server.output()).toContain("database migrations applied");
    expect(server.output()).toContain('"provider":"postgresql"');
    expect(server.output()).toContain("demo community seeded");
  });

  it("lets a seeded participant sign in, see their subgroup and open its websocket", async () => {
    const cookie = await signInCookie(server.url, "deelnemer07@werkplaats.test");
    const me = await (await fetch(`${server.url}/me`, { headers: { Cookie: cookie } })).text();
    const link = me.match(/href="(\/subgroups\/[^"]+)"/)?.[1];
    expect(link).toBeTruthy();
    const page = await fetch(`${server.url}${link}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Effectieve methodieken");
    const room = html.match(/data-room="([^"]+)"/)?.[1];
    expect(room).toBeTruthy();
    const opened = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${room}`, {
        headers: { Cookie: cookie },
      });
      ws.on("open", () => {
        ws.close();
        resolve(true);
      });
      ws.on("unexpected-response", () => resolve(false));
      ws.on("error", () => resolve(false));
    });
    expect(opened).toBe(true);
  });

  it("restarts on the migrated database without migrating or seeding twice", async () => {
    await server.stop();
    server = await spawnServer({ DATABASE_URL: database.url, SEED_DEMO: "true" });
    expect(server.output()).not.toContain("demo community seeded");
    const res = await fetch(`${server.url}/`);
    expect((await res.text()).match(/Werken aan aanwezigheid/g)?.length).toBeGreaterThanOrEqual(1);
  });
});
