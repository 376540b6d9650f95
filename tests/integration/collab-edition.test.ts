// The editorial introduction of a magazine edition is a realtime document in the same sync
// server (room "edition-<id>"): the stock y-websocket client syncs it for an organiser, anyone
// else is refused before the socket opens, and the text is durable across a restart, stored in
// the edition's own tables (never in an outcome's log).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "~/lib/database-url";
import { editionRoom } from "~/lib/magazine";
import { createDb, type Db } from "~/utils/db.server";
import { type Client, Clients, until, upgradeStatus } from "../helpers/collab";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let env: Record<string, string>;
let db: Db;
let room: string;
let editionId: string;
const clients = new Clients();

const synced = (...cs: Client[]) =>
  until(() => cs.every((c) => c.provider.synced), `${cs.length} client(s) to sync`);

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-edition-"));
  env = { DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`, SEED_DEMO: "true" };
  server = await spawnServer(env);
  db = createDb(resolveDatabase(env.DATABASE_URL));
  const community = await db.community.findFirstOrThrow({
    where: { slug: "werken-aan-aanwezigheid" },
  });
  editionId = (
    await db.magazineEdition.create({
      data: { communityId: community.id, slug: "redactie-test", title: "Redactietest" },
    })
  ).id;
  room = editionRoom(editionId);
});

afterAll(async () => {
  clients.destroyAll();
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("an edition's editorial room", () => {
  it("syncs two organiser clients and refuses everyone else", async () => {
    const organiser = await signInCookie(server.url, "organisator@werkplaats.test");
    const a = clients.connect(server, room, organiser);
    const b = clients.connect(server, room, organiser);
    await synced(a, b);
    a.text.insert(0, "Beste lezer, ");
    b.text.insert(0, "Voorwoord. ");
    await until(
      () => a.text.toString() === b.text.toString() && a.text.length === 24,
      "both clients to converge",
    );

    const participant = await signInCookie(server.url, "deelnemer05@werkplaats.test");
    const facilitator = await signInCookie(
      server.url,
      "gespreksleider.methodieken@werkplaats.test",
    );
    expect(await upgradeStatus(server, room, { Cookie: participant })).toBe(403);
    expect(await upgradeStatus(server, room, { Cookie: facilitator })).toBe(403);
    expect(await upgradeStatus(server, room)).toBe(401);
    expect(await upgradeStatus(server, editionRoom("bestaat-niet"), { Cookie: organiser })).toBe(
      403,
    );
  });

  it("keeps the text across a server restart, in the edition's own tables", async () => {
    const before = clients.connect(
      server,
      room,
      await signInCookie(server.url, "organisator@werkplaats.test"),
    );
    await synced(before);
    const text = before.text.toString();
    expect(text).toContain("Beste lezer");
    clients.destroyAll();

    expect(await server.stop()).toBe(0);
    const stored = await db.magazineEdition.findUniqueOrThrow({ where: { id: editionId } });
    expect(stored.ydocState).not.toBeNull();
    expect(await db.outcomeUpdate.count({ where: { outcomeId: editionId } })).toBe(0);
    expect(await db.outcomeUpdate.count({ where: { outcomeId: room } })).toBe(0);
    // The restarted server migrates first: the file must be free.
    await db.$disconnect();

    server = await spawnServer(env);
    const after = clients.connect(
      server,
      room,
      await signInCookie(server.url, "organisator@werkplaats.test"),
    );
    await synced(after);
    expect(after.text.toString()).toBe(text);
  });
});
