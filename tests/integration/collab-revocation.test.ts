// Live revocation: when someone's access changes through the app (a facilitator locks the
// document, they sign out, an organiser removes them from the subgroup), their open editor
// connection follows within a second of the HTTP response, as the product requires. The stock
// y-websocket client is the editor here; forms are posted as the browser posts them.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { resolveDatabase } from "~/lib/database-url";
import { createDb, type Db } from "~/utils/db.server";
import {
  type Client,
  Clients,
  type Close,
  cookieJar,
  postForm,
  storedDoc,
  subgroupOf,
  until,
  upgradeStatus,
} from "../helpers/collab";
import { type ChildServer, signInCookie, spawnServer } from "../helpers/server";

let server: ChildServer;
let tmp: string;
let db: Db;
let first: Awaited<ReturnType<typeof subgroupOf>>;
let second: Awaited<ReturnType<typeof subgroupOf>>;
const clients = new Clients();
const cookie = cookieJar();
const LEADER = "gespreksleider.beleid@werkplaats.test";
const ORGANISER = "organisator@werkplaats.test";
/** The product's bound: a revoked connection is closed within a second. */
const WITHIN_MS = 1_000;

async function connect(email: string, room: string, options: { acks?: boolean } = {}) {
  return clients.connect(server, room, await cookie(server, email), options);
}

const synced = (...cs: Client[]) =>
  until(() => cs.every((c) => c.provider.synced), `${cs.length} client(s) to sync`);

/** Waits for the server to close `client` for the (n+1)-th time and returns that close. */
async function nthClose(client: Client, n: number, what: string): Promise<Close> {
  await until(() => client.closes.length > n, what, 5_000);
  return client.closes[n]!;
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-revoke-"));
  const env = { DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`, SEED_DEMO: "true" };
  server = await spawnServer(env);
  db = createDb(resolveDatabase(env.DATABASE_URL));
  first = await subgroupOf(db, "deelnemer01@werkplaats.test"); // deelnemer01, deelnemer02
  second = await subgroupOf(db, "deelnemer03@werkplaats.test"); // deelnemer03, deelnemer04
});

afterEach(() => clients.destroyAll());

afterAll(async () => {
  clients.destroyAll();
  await db?.$disconnect();
  await server?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("live revocation of editor connections", () => {
  it("a facilitator's lock makes members' live connections read-only within a second (4001), an unlock writable again", async () => {
    const leader = await connect(LEADER, first.room);
    const member = await connect("deelnemer02@werkplaats.test", first.room, { acks: true });
    const other = await connect("deelnemer01@werkplaats.test", first.room);
    await synced(leader, member, other);
    member.text.insert(0, "Voor het slot.");
    await until(() => leader.text.toString() === "Voor het slot.", "the member's edit");

    const lock = await postForm(server, `/subgroups/${first.id}`, await cookie(server, LEADER), {
      intent: "lock",
    });
    onTestFinished(async () => {
      await db.outcome.update({ where: { id: first.room }, data: { locked: false } });
    });
    expect(lock.status).toBe(200);
    for (const c of [member, other]) {
      const closed = await nthClose(c, 0, "the member's connection to be closed");
      expect(closed.code).toBe(4001);
      expect(closed.at - lock.at).toBeLessThan(WITHIN_MS);
    }
    expect(leader.closes).toEqual([]);

    // The stock client reconnects by itself, now read-only: its edit is handled and refused.
    await synced(member, other);
    await until(() => member.acks.at(-1) === member.sentUpdates(), "the reconnect's sync reply");
    const acked = member.acks.length;
    member.text.insert(member.text.length, " GEWEIGERD");
    await until(() => member.acks.length > acked, "the server to handle the member's edit");
    expect(member.acks.at(-1)).toBe(member.sentUpdates() - 1);
    // What the facilitator writes still reaches the member (next to the member's own refused
    // edit, which the member's document still holds).
    leader.text.insert(leader.text.length, " Slot erop.");
    await until(() => member.text.toString().includes(" Slot erop."), "the facilitator's edit");
    const fresh = await connect(LEADER, first.room);
    await synced(fresh);
    expect(fresh.text.toString()).toBe("Voor het slot. Slot erop.");
    await until(() => other.text.toString() === "Voor het slot. Slot erop.", "the edit at B");
    expect(leader.text.toString()).toBe("Voor het slot. Slot erop.");
    expect((await storedDoc(db, first.room)).getText("t").toString()).not.toContain("GEWEIGERD");

    // Unlocked: closed again (4001), and after the reconnect the member's edits flow.
    const unlock = await postForm(server, `/subgroups/${first.id}`, await cookie(server, LEADER), {
      intent: "unlock",
    });
    expect(unlock.status).toBe(200);
    const reopened = await nthClose(member, 1, "the member's connection to be closed again");
    expect(reopened.code).toBe(4001);
    expect(reopened.at - unlock.at).toBeLessThan(WITHIN_MS);
    await synced(member);
    member.text.insert(member.text.length, " Weer open.");
    await until(() => leader.text.toString().endsWith(" Weer open."), "the member's edit again");
    await until(() => member.acks.at(-1) === member.sentUpdates(), "the edit to be stored");
    expect((await storedDoc(db, first.room)).getText("t").toString()).toContain(" Weer open.");
  });

  it("signing out closes that session's live connection within a second (4403), not the user's other sessions", async () => {
    const email = "deelnemer01@werkplaats.test";
    // Two devices, two sessions (signed in separately from the cookie jar).
    const laptopCookie = await signInCookie(server.url, email);
    const phoneCookie = await signInCookie(server.url, email);
    const laptop = clients.connect(server, first.room, laptopCookie);
    const phone = clients.connect(server, first.room, phoneCookie);
    const leader = await connect(LEADER, first.room);
    await synced(laptop, phone, leader);

    const out = await postForm(server, "/logout", laptopCookie, {});
    expect(out.status).toBe(302);
    const closed = await nthClose(laptop, 0, "the signed-out connection to be closed");
    expect(closed.code).toBe(4403);
    expect(closed.at - out.at).toBeLessThan(WITHIN_MS);
    // 44xx is final for the stock client: it does not come back, and could not.
    expect(laptop.provider.shouldConnect).toBe(false);
    expect(await upgradeStatus(server, first.room, { Cookie: laptopCookie })).toBe(401);

    phone.text.insert(phone.text.length, " Vanaf de telefoon.");
    await until(
      () => leader.text.toString().endsWith(" Vanaf de telefoon."),
      "the other session's edit",
    );
    expect(phone.closes).toEqual([]);
    expect(leader.closes).toEqual([]);
  });

  it("an organiser's removal closes the member's live connection within a second (4403) and keeps them out", async () => {
    const removedEmail = "deelnemer04@werkplaats.test";
    const removed = second.members.find((m) => m.email === removedEmail)!;
    const stays = await connect("deelnemer03@werkplaats.test", second.room);
    const leaving = await connect(removedEmail, second.room);
    await synced(stays, leaving);

    const res = await postForm(server, `/subgroups/${second.id}`, await cookie(server, ORGANISER), {
      intent: "removeMember",
      userId: removed.id,
    });
    expect(res.status).toBe(200);
    const closed = await nthClose(leaving, 0, "the removed member's connection to be closed");
    expect(closed.code).toBe(4403);
    expect(closed.at - res.at).toBeLessThan(WITHIN_MS);
    expect(leaving.provider.shouldConnect).toBe(false);

    const removedCookie = await cookie(server, removedEmail);
    expect(await upgradeStatus(server, second.room, { Cookie: removedCookie })).toBe(403);
    const page = await fetch(`${server.url}/subgroups/${second.id}`, {
      headers: { Cookie: removedCookie },
      redirect: "manual",
    });
    await page.arrayBuffer();
    expect(page.status).toBe(403);

    stays.text.insert(0, "Nog steeds aan het werk.");
    const check = await connect(ORGANISER, second.room);
    await synced(check);
    await until(
      () => check.text.toString() === "Nog steeds aan het werk.",
      "the remaining member's edit",
    );
    expect(stays.closes).toEqual([]);
  });
});
