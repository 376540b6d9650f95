// Fails when the derived PostgreSQL schema, either migrations folder or a schema snapshot is
// out of date with prisma/schema.prisma, or when the migrations do not apply cleanly.
// The fix is almost always: npm run db:migration -- <name>   (or npm run db:derive).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTempPgDatabase,
  migrateDeploy,
  pgAvailable,
  repoRoot,
  runPrisma,
} from "../helpers/db";

const MAKE_MIGRATION = "run npm run db:migration -- <name>";

const PROVIDERS = [
  {
    id: "sqlite",
    schema: "prisma/schema.prisma",
    migrations: "prisma/migrations",
    snapshot: "prisma/snapshots/sqlite.prisma",
  },
  {
    id: "postgresql",
    schema: "prisma/postgres/schema.prisma",
    migrations: "prisma/postgres/migrations",
    snapshot: "prisma/snapshots/postgresql.prisma",
  },
] as const;

const pgAdminUrl = await pgAvailable();
if (!pgAdminUrl) {
  console.warn(
    "migrations.test: PostgreSQL not reachable (DATABASE_URL_TEST_PG or postgresql://postgres@127.0.0.1:5432/test); skipping the PostgreSQL checks",
  );
}

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "werkplaats-migrations-"));
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));
let sqliteCounter = 0;
const freshSqliteUrl = () => `file:${path.join(tempDir, `db-${++sqliteCounter}.db`)}`;

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), "utf8");

function migrationNames(folder: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe("derived PostgreSQL schema", () => {
  it("is up to date (scripts/derive-pg-schema.mjs --check)", async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(repoRoot, "scripts/derive-pg-schema.mjs"), "--check"],
        { cwd: repoRoot },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stderr }),
      );
    });
    expect(result.code, `${result.stderr}\nrun npm run db:derive`).toBe(0);
  });

  it("equals what derivePostgresSchema() makes of the source schema", async () => {
    const script = pathToFileURL(path.join(repoRoot, "scripts/derive-pg-schema.mjs")).href;
    const { derivePostgresSchema } = (await import(script)) as {
      derivePostgresSchema: (source: string) => string;
    };
    expect(
      read("prisma/postgres/schema.prisma") === derivePostgresSchema(read("prisma/schema.prisma")),
      "prisma/postgres/schema.prisma differs from the derivation: run npm run db:derive",
    ).toBe(true);
  });
});

describe("migration folders", () => {
  it("have the same migration names for both providers", () => {
    expect(
      migrationNames("prisma/postgres/migrations"),
      "prisma/migrations and prisma/postgres/migrations must list the same migrations: " +
        MAKE_MIGRATION,
    ).toEqual(migrationNames("prisma/migrations"));
    expect(migrationNames("prisma/migrations").length).toBeGreaterThan(0);
  });

  for (const p of PROVIDERS) {
    it(`${p.id}: the snapshot matches the current schema`, async () => {
      if (read(p.snapshot) === read(p.schema)) return;
      // Text differs: acceptable only when the models are the same (e.g. a comment was edited).
      const result = await runPrisma(
        [
          "migrate",
          "diff",
          "--from-schema-datamodel",
          p.snapshot,
          "--to-schema-datamodel",
          p.schema,
          "--exit-code",
        ],
        freshSqliteUrl(),
      );
      expect(
        result.code,
        `${p.snapshot} differs from ${p.schema}: a schema change without migration (${MAKE_MIGRATION}).\n${result.stdout}${result.stderr}`,
      ).toBe(0);
    });
  }

  it("sqlite: the migrations reproduce prisma/schema.prisma (migrate diff --from-migrations)", async () => {
    const result = await runPrisma(
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      freshSqliteUrl(),
    );
    if (result.code === 2) {
      expect.fail(
        `prisma/migrations is stale: ${MAKE_MIGRATION}\nMissing from the migrations:\n${result.stdout}`,
      );
    }
    expect(result.code, `prisma migrate diff failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it("sqlite: the migrations apply to a fresh database and migrate status is up to date", async () => {
    const url = freshSqliteUrl();
    await migrateDeploy(url);
    const status = await runPrisma(["migrate", "status"], url);
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date");
  });
});

// ----- PostgreSQL: compare the catalog the migrations build with the one the schema implies ---

const CATALOG_QUERIES = {
  tables: `
    SELECT c.relname AS table
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
    ORDER BY 1`,
  columns: `
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY 1, 2`,
  indexes: `
    SELECT tablename AS table, indexname AS index, indexdef AS definition
    FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
    ORDER BY 1, 2`,
  constraints: `
    SELECT c.relname AS table, con.conname AS constraint, con.contype AS type,
           pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
    ORDER BY 1, 2`,
} as const;

type Catalog = Record<keyof typeof CATALOG_QUERIES, Record<string, unknown>[]>;

/** One line per catalog row found on only one side, e.g. "indexes only in migrations: {…}". */
function catalogDifferences(migrations: Catalog, schema: Catalog): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(CATALOG_QUERIES) as (keyof Catalog)[]) {
    const a = new Set(migrations[key].map((row) => JSON.stringify(row)));
    const b = new Set(schema[key].map((row) => JSON.stringify(row)));
    for (const row of a) if (!b.has(row)) lines.push(`${key} only in migrations: ${row}`);
    for (const row of b) if (!a.has(row)) lines.push(`${key} only in schema: ${row}`);
  }
  return lines;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function readCatalog(url: string): Promise<Catalog> {
  return withClient(url, async (client) => {
    const catalog: Partial<Catalog> = {};
    for (const [key, sql] of Object.entries(CATALOG_QUERIES)) {
      catalog[key as keyof Catalog] = (await client.query(sql)).rows;
    }
    return catalog as Catalog;
  });
}

describe.skipIf(!pgAdminUrl)("postgresql migrations", () => {
  const dropAll: (() => Promise<void>)[] = [];
  let fromMigrations: string; // database A: prisma/postgres/migrations applied
  let fromSchema: string; // database B: the SQL the derived schema implies, from empty
  let deployError: unknown;

  beforeAll(async () => {
    const a = await createTempPgDatabase(pgAdminUrl!);
    dropAll.push(a.drop);
    const b = await createTempPgDatabase(pgAdminUrl!);
    dropAll.push(b.drop);
    fromMigrations = a.url;
    fromSchema = b.url;
    deployError = await migrateDeploy(fromMigrations).then(
      () => null,
      (error: unknown) => error,
    );
  });
  afterAll(async () => {
    for (const drop of dropAll) await drop();
  });

  it("the migrations apply to a fresh database and migrate status is up to date", async () => {
    if (deployError) throw deployError;
    const status = await runPrisma(["migrate", "status"], fromMigrations);
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date");
  });

  it("the migrations build the same catalog as prisma/postgres/schema.prisma", async () => {
    if (deployError) throw deployError;
    const script = await runPrisma(
      [
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/postgres/schema.prisma",
        "--script",
      ],
      fromSchema,
    );
    expect(script.code, script.stderr).toBe(0);
    await withClient(fromSchema, (client) => client.query(script.stdout));

    const [actual, expected] = await Promise.all([
      readCatalog(fromMigrations),
      readCatalog(fromSchema),
    ]);
    expect(expected.tables.length).toBeGreaterThan(0);
    const differences = catalogDifferences(actual, expected);
    expect(
      differences,
      `prisma/postgres/migrations is stale (it differs from prisma/postgres/schema.prisma): ${MAKE_MIGRATION}`,
    ).toEqual([]);
  });
});
