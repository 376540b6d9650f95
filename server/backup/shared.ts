// What backup and restore share: the realtime document kinds, the app's migrations and version,
// and untyped access to the Prisma delegates of models known only by name.
import fs from "node:fs";
import path from "node:path";
import { type DatabaseTarget, prismaPaths } from "~/lib/database-url";
import type { Datamodel } from "./datamodel";
import { DatamodelError, delegateName, modelByName } from "./datamodel";

/**
 * The realtime documents (see server/collab/persistence.ts): a row holding the compacted Yjs
 * state, and a write-ahead log of updates not yet folded into it. The archive holds one state
 * per document (state and log merged) and no log rows; a restore starts with an empty log.
 */
export const DOCUMENT_KINDS = [
  {
    kind: "outcome",
    model: "Outcome",
    stateField: "ydocState",
    compactedField: "compactedUpTo",
    logModel: "OutcomeUpdate",
    logKey: "outcomeId",
    logUpdate: "update",
  },
  {
    kind: "edition",
    model: "MagazineEdition",
    stateField: "ydocState",
    compactedField: "compactedUpTo",
    logModel: "MagazineEditionUpdate",
    logKey: "editionId",
    logUpdate: "update",
  },
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Fails when a document model or column named above is not in the data model any more. */
export function checkDocumentKinds(datamodel: Datamodel): void {
  for (const d of DOCUMENT_KINDS) {
    const model = modelByName(datamodel, d.model);
    const log = modelByName(datamodel, d.logModel);
    const has = (m: typeof model, name: string) => m.fields.some((f) => f.name === name);
    if (!has(model, d.stateField) || !has(model, d.compactedField))
      throw new DatamodelError(`${d.model} has no ${d.stateField} / ${d.compactedField} column`);
    if (!has(log, d.logKey) || !has(log, d.logUpdate))
      throw new DatamodelError(`${d.logModel} has no ${d.logKey} / ${d.logUpdate} column`);
  }
}

export function isLogModel(model: string): boolean {
  return DOCUMENT_KINDS.some((d) => d.logModel === model);
}

/** The migration folders of the provider's migrations directory, in order. */
export function migrationNames(root: string, provider: DatabaseTarget["provider"]): string[] {
  const dir = path.join(root, prismaPaths(provider).migrations);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

export function appVersion(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version?: string;
  };
  return pkg.version ?? "unknown";
}

export type Row = Record<string, unknown>;

/** The model-generic part of a Prisma delegate. */
export type Delegate = {
  count(args?: object): Promise<number>;
  findMany(args?: object): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  updateMany(args: { where: Row; data: Row }): Promise<{ count: number }>;
  deleteMany(args?: object): Promise<{ count: number }>;
};

export function delegate(client: object, model: string): Delegate {
  return (client as Record<string, Delegate>)[delegateName(model)]!;
}

/** Migrations applied to a database (finished, not rolled back), in order. */
export async function appliedMigrations(client: {
  $queryRawUnsafe(sql: string): Promise<unknown>;
}): Promise<string[]> {
  try {
    const rows = (await client.$queryRawUnsafe(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    )) as { migration_name: string }[];
    return rows.map((r) => r.migration_name).sort();
  } catch (error) {
    // A database never migrated has no such table: it has no migrations.
    if (/_prisma_migrations/.test(String((error as Error).message))) return [];
    throw error;
  }
}

/** A database URL fit for printing: a PostgreSQL password is masked. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return `SQLite ${target.file}`;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = "***";
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return "PostgreSQL";
  }
}
