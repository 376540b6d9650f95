// Prisma CLI configuration. `engine: "js"` runs the schema engine in JavaScript through the
// driver adapter below, so generate / migrate diff / migrate deploy / migrate status need no
// binary download (docs/decisions/003-prisma-6-js-engine.md).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { pgPoolConfig, prismaPaths, resolveDatabase } from "./app/lib/database-url";

// No update/telemetry check: it phones home (and waits for a time-out on closed networks).
process.env.CHECKPOINT_DISABLE ??= "1";

const target = resolveDatabase();
const paths = prismaPaths(target.provider);

type SqliteFactory = InstanceType<typeof PrismaBetterSQLite3>;
type ShadowAdapter = Awaited<ReturnType<SqliteFactory["connectToShadowDb"]>>;

/**
 * Prisma 6.19's JS schema engine replays each migration into the shadow database as ONE raw
 * statement, which better-sqlite3 refuses ("contains more than one statement"). On shadow
 * connections only, a raw call without parameters that fails is retried as a script.
 * Used by `migrate diff --from-migrations` (scripts/db-migration.mjs and the migrations test).
 */
function withScriptFallback(factory: SqliteFactory): SqliteFactory {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter: ShadowAdapter = await connectToShadowDb();
    for (const method of ["executeRaw", "queryRaw"] as const) {
      const original = adapter[method].bind(adapter) as (
        q: Parameters<ShadowAdapter[typeof method]>[0],
      ) => Promise<never>;
      Object.assign(adapter, {
        [method]: async (query: Parameters<ShadowAdapter[typeof method]>[0]) => {
          try {
            return await original(query);
          } catch (error) {
            if (query.args.length > 0) throw error;
            await adapter.executeScript(query.sql);
            return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
          }
        },
      });
    }
    return adapter;
  };
  return factory;
}

type PgFactory = InstanceType<typeof PrismaPg>;

/**
 * Prisma 6.19's JS schema engine reads PostgreSQL catalog columns of the internal types `name`
 * and `"char"`, which @prisma/adapter-pg refuses ("Column type 'name' could not be
 * deserialized"), so `migrate deploy` fails on a fresh database. Their values arrive as text
 * anyway; every client of this pool reports them as text.
 */
const TEXTUAL_CATALOG_TYPES = new Set([18 /* "char" */, 19 /* name */]);
const TEXT_OID = 25;

function reportCatalogTypesAsText(pool: pg.Pool): pg.Pool {
  const asText = (result: pg.QueryResult | undefined) => {
    for (const field of result?.fields ?? []) {
      if (TEXTUAL_CATALOG_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    Object.assign(client, {
      query: (...args: unknown[]) => {
        const callback = args.at(-1);
        if (typeof callback === "function") {
          // pg-pool's own pool.query() passes a callback.
          args[args.length - 1] = (error: unknown, result: pg.QueryResult) =>
            callback(error, asText(result));
          return query(...args);
        }
        const result = query(...args);
        return result instanceof Promise ? result.then(asText) : result;
      },
    });
  });
  return pool;
}

/**
 * migrate diff's shadow database on PostgreSQL is a temporary database on the same server.
 * The stock adapter drops it while its own pool is still connected, which fails and leaves it
 * behind; here the pool is closed before the drop.
 */
function withDisposableShadowDatabase(factory: PgFactory): PgFactory {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const pool = reportCatalogTypesAsText(adapter.underlyingDriver() as pg.Pool);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await pool.end();
      try {
        await dispose();
      } catch (error) {
        // The stock release ends the (already ended) pool once more after dropping.
        if (!/more than once/.test(String(error))) throw error;
      }
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: paths.schema,
  migrations: { path: paths.migrations },
  async adapter() {
    if (target.provider === "postgresql") {
      // allowExitOnIdle: the CLI exits as soon as it is done instead of waiting for idle clients.
      const pool = reportCatalogTypesAsText(
        new pg.Pool({ ...pgPoolConfig(target.url), allowExitOnIdle: true }),
      );
      return withDisposableShadowDatabase(new PrismaPg(pool, { disposeExternalPool: true }));
    }
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    return withScriptFallback(new PrismaBetterSQLite3({ url: target.file }));
  },
});
