// Decides which database provider a DATABASE_URL means. Shared by prisma.config.ts (CLI)
// and app/utils/db.server.ts (runtime) so the two can never disagree.
import path from "node:path";
import type { ClientConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export type DatabaseTarget =
  | { provider: "postgresql"; url: string }
  | { provider: "sqlite"; url: string; file: string };

export const DEFAULT_SQLITE_FILE = "data/werkplaats.db";

export function resolveDatabase(
  databaseUrl: string | undefined = process.env.DATABASE_URL,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const url = databaseUrl?.trim() || `file:${DEFAULT_SQLITE_FILE}`;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a postgres:// or postgresql:// URL, or file:<path> for SQLite (got "${url.split(":")[0]}:…")`,
    );
  }
  const file = path.resolve(cwd, url.slice("file:".length).replace(/^\/\//, ""));
  return { provider: "sqlite", url, file };
}

/** Where each provider's schema and migrations live. */
export function prismaPaths(provider: DatabaseTarget["provider"]) {
  return provider === "postgresql"
    ? { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" }
    : { schema: "prisma/schema.prisma", migrations: "prisma/migrations" };
}

/**
 * node-postgres settings as discrete fields rather than a connectionString: a connectionString
 * overrides `database`, which would point Prisma's temporary shadow database (migrate diff)
 * at the real one.
 */
export function pgPoolConfig(url: string): ClientConfig {
  return parseIntoClientConfig(url);
}
