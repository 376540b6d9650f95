// The one Prisma client of the process. SQLite (better-sqlite3, WAL) by default; PostgreSQL
// (node-postgres) when DATABASE_URL is a postgres:// URL. Both generated clients come from the
// same source schema, so they share one type (the SQLite one is used as the canonical type).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgClient } from "~/generated/prisma-pg/client";
import { PrismaClient as SqliteClient } from "~/generated/prisma-sqlite/client";
import { type DatabaseTarget, pgPoolConfig, resolveDatabase } from "~/lib/database-url";

export type Db = SqliteClient;
export type { Prisma } from "~/generated/prisma-sqlite/client";

export function createDb(target: DatabaseTarget = resolveDatabase()): Db {
  if (target.provider === "postgresql") {
    const adapter = new PrismaPg({ ...pgPoolConfig(target.url), max: 10 });
    return new PgClient({ adapter }) as unknown as Db;
  }
  fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: target.file, timeout: 5_000 });
  const db = new SqliteClient({ adapter });
  return db;
}

/** Enables WAL and foreign keys on SQLite; a no-op on PostgreSQL. */
export async function prepareDb(db: Db, target: DatabaseTarget = resolveDatabase()) {
  if (target.provider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

const globalForDb = globalThis as unknown as { __werkplaatsDb?: Db };

/** The shared client (kept on globalThis so Vite's module reloads reuse one connection). */
globalForDb.__werkplaatsDb ??= createDb();
export const db: Db = globalForDb.__werkplaatsDb;
