// Throwaway databases for tests: a temp SQLite file or a temp PostgreSQL database, migrated with
// the real Prisma CLI (the same `prisma migrate deploy` the app runs), plus a connected client.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type DatabaseTarget, resolveDatabase } from "~/lib/database-url";
import { createDb, type Db, prepareDb } from "~/utils/db.server";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaBin = path.join(repoRoot, "node_modules/.bin/prisma");

export type Provider = DatabaseTarget["provider"];

export interface TestDatabase {
  db: Db;
  url: string;
  target: DatabaseTarget;
  cleanup(): Promise<void>;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the Prisma CLI from the repo root with DATABASE_URL set; never throws on a non-zero exit. */
export function runPrisma(args: string[], databaseUrl: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      prismaBin,
      args,
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          CHECKPOINT_DISABLE: "1",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `prisma migrate deploy` against databaseUrl; throws with the CLI output when it fails. */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const result = await runPrisma(["migrate", "deploy"], databaseUrl);
  if (result.code !== 0) {
    throw new Error(
      `prisma migrate deploy failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

let pgProbe: Promise<string | null> | undefined;

/** The server PostgreSQL tests use when DATABASE_URL_TEST_PG is unset. */
export const DEFAULT_PG_TEST_URL = "postgresql://postgres@127.0.0.1:5432/test";

/** Node's error codes for "nothing listens there" (refused, unreachable, timed out). */
const NOT_LISTENING_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/** True when connecting failed because no server listens (not because one answered with an error). */
function nothingListens(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.every(nothingListens);
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && NOT_LISTENING_CODES.has(code)) return true;
  // node-postgres's own connectionTimeoutMillis error has no code.
  return typeof message === "string" && /connection timeout|timeout expired/i.test(message);
}

/**
 * The admin URL of the PostgreSQL server the tests use, or null to skip them. Rule: skip only
 * when DATABASE_URL_TEST_PG is unset AND nothing listens at DEFAULT_PG_TEST_URL.
 * - DATABASE_URL_TEST_PG set: returned as is, without probing; a wrong or unreachable URL makes
 *   the PostgreSQL tests fail, never skip.
 * - unset: DEFAULT_PG_TEST_URL is probed; null when the connection is refused or times out; any
 *   other error (authentication failed, database missing, not PostgreSQL...) rejects with a
 *   message saying how to fix it.
 */
export function pgAvailable(): Promise<string | null> {
  pgProbe ??= (async () => {
    const configured = process.env.DATABASE_URL_TEST_PG;
    if (configured) return configured;
    const client = new pg.Client({
      connectionString: DEFAULT_PG_TEST_URL,
      connectionTimeoutMillis: 2_000,
    });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return DEFAULT_PG_TEST_URL;
    } catch (error) {
      if (nothingListens(error)) return null;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `A server answers at ${DEFAULT_PG_TEST_URL} but the PostgreSQL tests cannot use it: ${reason}. ` +
          "Fix that server (user postgres without a password, database test), or set DATABASE_URL_TEST_PG " +
          "to a PostgreSQL admin URL that works.",
        { cause: error },
      );
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgProbe;
}

/** Runs one admin statement on the server of adminUrl (its own short-lived connection). */
async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database werkplaats_test_<random> next to adminUrl's; drop() removes it. */
export async function createTempPgDatabase(
  adminUrl: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `werkplaats_test_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A fresh, migrated database with a connected client. Always call cleanup() (afterAll). */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  let url: string;
  let removeDatabase: () => Promise<void>;
  if (provider === "postgresql") {
    const adminUrl = await pgAvailable();
    if (!adminUrl) throw new Error("PostgreSQL is not available (see pgAvailable())");
    const temp = await createTempPgDatabase(adminUrl);
    url = temp.url;
    removeDatabase = temp.drop;
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-test-"));
    url = `file:${path.join(dir, "test.db")}`;
    removeDatabase = () => fs.rm(dir, { recursive: true, force: true });
  }

  try {
    await migrateDeploy(url);
  } catch (error) {
    await removeDatabase();
    throw error;
  }

  const target = resolveDatabase(url, repoRoot);
  const db = createDb(target);
  try {
    await prepareDb(db, target);
  } catch (error) {
    await db.$disconnect();
    await removeDatabase();
    throw error;
  }
  return {
    db,
    url,
    target,
    async cleanup() {
      await db.$disconnect();
      await removeDatabase();
    },
  };
}
