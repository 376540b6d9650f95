// The bench's own data, written straight into its throwaway database with Prisma (SQLite for
// `npm run bench`, PostgreSQL for `npm run bench:cluster`). createBenchData: one published
// community; a theme of D subgroups (the load rooms) with C members each; a theme with the trace
// room (writer + reader); a theme of K subgroups for the cold first-sync runs. createRoomSets:
// named sets of rooms, a theme each. Every member is a distinct user with one session, created
// the way createSession does (the cookie carries "<id>.<secret>", the database SHA-256(secret)),
// so no per-user connection cap is hit.
import type { Db } from "~/utils/db.server";
import { SESSION_COOKIE, SESSION_TTL_MS } from "~/utils/session.server";
import { hashToken, randomToken } from "~/utils/tokens.server";

export type Member = { userId: string; cookie: string };
export type BenchRoom = { room: string; members: Member[] };
export type BenchData = {
  load: BenchRoom[];
  trace: BenchRoom;
  cold: BenchRoom[];
};

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Builds users, sessions, themes, subgroups (rooms) and memberships, then writes them. */
function builder(db: Db, communityId: string, prefix: string) {
  const now = new Date();
  const users: { id: string; email: string; name: string; passwordHash: string }[] = [];
  const sessions: {
    id: string;
    secretHash: Uint8Array<ArrayBuffer>;
    userId: string;
    expiresAt: Date;
    createdAt: Date;
  }[] = [];
  const themes: { id: string; communityId: string; slug: string; name: string }[] = [];
  const subgroups: { id: string; themeId: string; name: string }[] = [];
  const outcomes: { id: string; subgroupId: string }[] = [];
  const memberships: { subgroupId: string; userId: string; themeId: string }[] = [];

  let userCount = 0;
  const newMember = (subgroupId: string, themeId: string): Member => {
    userCount += 1;
    const userId = `${prefix}user-${userCount}`;
    users.push({
      id: userId,
      email: `${prefix}${userCount}@werkplaats.test`,
      name: `Bench ${userCount}`,
      // Not a valid hash: these users cannot sign in through the form, only via their session.
      passwordHash: "bench",
    });
    const id = randomToken();
    const secret = randomToken();
    sessions.push({
      id,
      secretHash: hashToken(secret),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      createdAt: now,
    });
    memberships.push({ subgroupId, userId, themeId });
    return { userId, cookie: `${SESSION_COOKIE}=${id}.${secret}` };
  };

  return {
    theme(slug: string) {
      const id = `${prefix}theme-${slug}`;
      themes.push({ id, communityId, slug, name: slug });
      return id;
    },
    room(themeId: string, name: string, members: number): BenchRoom {
      const subgroupId = `${prefix}sg-${name}`;
      const outcomeId = `${prefix}${name}`;
      subgroups.push({ id: subgroupId, themeId, name });
      outcomes.push({ id: outcomeId, subgroupId });
      const list: Member[] = [];
      for (let i = 0; i < members; i++) list.push(newMember(subgroupId, themeId));
      return { room: outcomeId, members: list };
    },
    async write() {
      await db.theme.createMany({
        data: themes.map((t, i) => ({ ...t, description: "-", position: i })),
      });
      await inChunks(users, (data) => db.user.createMany({ data }));
      await inChunks(sessions, (data) => db.session.createMany({ data }));
      await inChunks(subgroups, (data) =>
        db.subgroup.createMany({ data: data.map((s, i) => ({ ...s, position: i })) }),
      );
      await inChunks(outcomes, (data) => db.outcome.createMany({ data }));
      await inChunks(memberships, (data) => db.subgroupMembership.createMany({ data }));
    },
  };
}

async function benchCommunity(db: Db, slug: string) {
  return db.community.create({
    data: {
      slug,
      name: "Benchmark",
      tagline: "Benchmark",
      description: "Benchmark data",
      audience: "-",
      location: "-",
      costs: "-",
      publishedAt: new Date(),
    },
  });
}

export async function createBenchData(
  db: Db,
  options: { rooms: number; clients: number; coldRooms: number },
): Promise<BenchData> {
  const community = await benchCommunity(db, "bench");
  const b = builder(db, community.id, "bench-");
  const loadTheme = b.theme("load");
  const load: BenchRoom[] = [];
  for (let d = 0; d < options.rooms; d++)
    load.push(b.room(loadTheme, `load-${String(d).padStart(4, "0")}`, options.clients));
  const trace = b.room(b.theme("trace"), "trace", 2);
  const coldTheme = b.theme("cold");
  const cold: BenchRoom[] = [];
  for (let k = 0; k < options.coldRooms; k++) cold.push(b.room(coldTheme, `cold-${k}`, 1));
  await b.write();
  return { load, trace, cold };
}

/**
 * Named sets of rooms (one theme each) in one published community, every member a user of
 * its own with one session: `{ a: { rooms: 60, clients: 6 } }` → `{ a: BenchRoom[60] }`.
 */
export async function createRoomSets<K extends string>(
  db: Db,
  sets: Record<K, { rooms: number; clients: number }>,
): Promise<Record<K, BenchRoom[]>> {
  const community = await benchCommunity(db, "bench-cluster");
  const b = builder(db, community.id, "bc-");
  const out = {} as Record<K, BenchRoom[]>;
  for (const [name, { rooms, clients }] of Object.entries(sets) as [
    K,
    { rooms: number; clients: number },
  ][]) {
    const theme = b.theme(name);
    out[name] = Array.from({ length: rooms }, (_, d) =>
      b.room(theme, `${name}-${String(d).padStart(4, "0")}`, clients),
    );
  }
  await b.write();
  return out;
}
