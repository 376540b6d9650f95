// `npm run restore -- <file>`: rebuilds an instance from an archive. The archive is checked
// completely first (nothing is touched when it is damaged); then the database is migrated the
// way the app migrates it, refused when it holds data (unless `force`, which wipes it), and
// filled in one transaction: models parents-first, rows of a model in batches, documents with
// their state and an empty log. Row counts are compared before the transaction commits, so a
// restore that fails leaves the database as it was.
import { Prisma } from "~/generated/prisma-sqlite/client";
import type { DatabaseTarget } from "~/lib/database-url";
import { createDb, type Db, prepareDb } from "~/utils/db.server";
import { type ArchiveHeader, archiveRows, decodeValue, verifyArchive } from "./archive";
import {
  type ClientNamespace,
  type Datamodel,
  type ForeignKey,
  type InsertPlan,
  loadDatamodel,
  type Model,
  modelByName,
  planInserts,
  scalarFields,
} from "./datamodel";
import { checkDocumentKinds, DOCUMENT_KINDS, delegate, migrationNames, type Row } from "./shared";

const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;
const TRANSACTION_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export type RestoreProblem = "migrationsDiffer" | "schemaDiffers" | "notEmpty" | "countMismatch";

export class RestoreError extends Error {
  override name = "RestoreError";
  constructor(
    readonly problem: RestoreProblem,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type RestoreEvent =
  | { type: "verified"; header: ArchiveHeader & { sha256: string } }
  | { type: "migrated" }
  | { type: "wiping"; counts: Record<string, number> };

export type RestoreSummary = {
  header: ArchiveHeader & { sha256: string };
  counts: Record<string, number>;
  wiped: boolean;
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function restoreBackup(
  target: DatabaseTarget,
  options: {
    file: string;
    root: string;
    force: boolean;
    /** Applies the app's migrations to `target` (the app's own migration runner). */
    migrate: () => Promise<void>;
    report?: (event: RestoreEvent) => void;
  },
): Promise<RestoreSummary> {
  const report = options.report ?? (() => {});
  const header = await verifyArchive(options.file);
  report({ type: "verified", header });

  const ours = migrationNames(options.root, target.provider);
  if (header.migrations.join() !== ours.join()) {
    const prefix = (a: string[], b: string[]) => a.every((m, i) => b[i] === m);
    const relation = prefix(header.migrations, ours)
      ? "older"
      : prefix(ours, header.migrations)
        ? "newer"
        : "different";
    throw new RestoreError("migrationsDiffer", `archive migrations differ (${relation})`, {
      relation,
      archive: header.migrations.at(-1) ?? "-",
      app: ours.at(-1) ?? "-",
      appVersion: header.appVersion,
    });
  }

  await options.migrate();
  report({ type: "migrated" });

  const db = createDb(target);
  try {
    await prepareDb(db, target);
    const datamodel = loadDatamodel(options.root, Prisma as unknown as ClientNamespace, db);
    checkDocumentKinds(datamodel);
    checkSameSchema(header, datamodel);
    const plan = planInserts(
      datamodel,
      header.models.map((m) => m.name),
    );

    const existing: Record<string, number> = {};
    for (const name of plan.order) {
      const count = await delegate(db, name).count();
      if (count > 0) existing[name] = count;
    }
    const wipe = Object.keys(existing).length > 0;
    if (wipe && !options.force)
      throw new RestoreError("notEmpty", "the database is not empty", { counts: existing });
    if (wipe) report({ type: "wiping", counts: existing });

    const counts = await db.$transaction(
      async (tx) => {
        if (wipe) await wipeAll(tx, plan);
        await insertAll(tx, datamodel, plan, header, options.file);
        if (target.provider === "postgresql") await advanceSequences(tx, datamodel, header);
        const restored: Record<string, number> = {};
        for (const model of header.models) {
          restored[model.name] = await delegate(tx, model.name).count();
          if (restored[model.name] !== model.count)
            throw new RestoreError(
              "countMismatch",
              `${model.name}: ${restored[model.name]} rows restored, ${model.count} in the archive`,
              { model: model.name, restored: restored[model.name], archived: model.count },
            );
        }
        return restored;
      },
      { maxWait: 30_000, timeout: TRANSACTION_TIMEOUT_MS },
    );
    return { header, counts, wiped: wipe };
  } finally {
    await db.$disconnect();
  }
}

/** The archive must describe exactly the models and columns of this app's schema. */
function checkSameSchema(header: ArchiveHeader, datamodel: Datamodel): void {
  const problems: string[] = [];
  const archived = new Map(header.models.map((m) => [m.name, m]));
  for (const model of datamodel.models) {
    const entry = archived.get(model.name);
    if (!entry) {
      problems.push(`${model.name} is missing`);
      continue;
    }
    const ours = Object.fromEntries(scalarFields(model).map((f) => [f.name, f.type]));
    for (const [column, type] of Object.entries(ours))
      if (entry.fields[column] !== type) problems.push(`${model.name}.${column}`);
    for (const column of Object.keys(entry.fields))
      if (!(column in ours)) problems.push(`${model.name}.${column} is unknown`);
  }
  for (const name of archived.keys())
    if (!datamodel.models.some((m) => m.name === name)) problems.push(`${name} is unknown`);
  if (problems.length > 0)
    throw new RestoreError("schemaDiffers", `archive and schema differ: ${problems.join(", ")}`, {
      problems,
    });
}

/** Empties every table: children first, after clearing keys that point the other way. */
async function wipeAll(tx: Tx, plan: InsertPlan): Promise<void> {
  for (const keys of plan.deferred.values())
    for (const key of keys)
      await delegate(tx, key.model).updateMany({
        where: { OR: key.fields.map((f) => ({ [f]: { not: null } })) },
        data: Object.fromEntries(key.fields.map((f) => [f, null])),
      });
  for (const name of [...plan.order].reverse()) await delegate(tx, name).deleteMany({});
}

const tupleOf = (row: Row, fields: string[]) => JSON.stringify(fields.map((f) => row[f]));

async function insertAll(
  tx: Tx,
  datamodel: Datamodel,
  plan: InsertPlan,
  header: ArchiveHeader,
  file: string,
): Promise<void> {
  const types = new Map(header.models.map((m) => [m.name, m.fields]));
  /** Keys written as null and set once every row is in: where (primary key) → data. */
  const later: { model: string; where: Row; data: Row }[] = [];
  let batch: Row[] = [];
  let batchBytes = 0;
  let current: Model | null = null;
  let held: Row[] = [];

  const flush = async () => {
    if (current && batch.length > 0) await delegate(tx, current.name).createMany({ data: batch });
    batch = [];
    batchBytes = 0;
  };
  const finishModel = async () => {
    await flush();
    if (current && held.length > 0)
      await insertParentsFirst(tx, current, plan.selfSorted.get(current.name)!, held);
    held = [];
  };

  let n = 1;
  for await (const { m, r } of archiveRows(file)) {
    n++;
    if (m !== current?.name) {
      await finishModel();
      current = modelByName(datamodel, m);
    }
    const fields = types.get(m)!;
    const row: Row = {};
    let bytes = 200;
    for (const [column, type] of Object.entries(fields)) {
      const value = decodeValue(type, r[column], `line ${n}, ${m}.${column}`);
      if (value instanceof Uint8Array) bytes += value.length;
      row[column] = value === null && type === "Json" ? Prisma.DbNull : value;
    }
    for (const key of plan.deferred.get(m) ?? []) {
      if (key.fields.every((f) => row[f] === null)) continue;
      later.push({
        model: m,
        where: Object.fromEntries(current.primaryKey.map((f) => [f, row[f]])),
        data: Object.fromEntries(key.fields.map((f) => [f, row[f]])),
      });
      for (const f of key.fields) row[f] = null;
    }
    if (plan.selfSorted.has(m)) {
      held.push(row);
      continue;
    }
    batch.push(row);
    batchBytes += bytes;
    if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
  }
  await finishModel();
  for (const { model, where, data } of later) await delegate(tx, model).updateMany({ where, data });
}

/** Inserts rows with required references to their own model, referenced rows first. */
async function insertParentsFirst(
  tx: Tx,
  model: Model,
  keys: ForeignKey[],
  rows: Row[],
): Promise<void> {
  const present = keys.map(() => new Set<string>());
  let waiting = rows;
  while (waiting.length > 0) {
    const ready = waiting.filter((row) =>
      keys.every(
        (key, i) =>
          present[i]!.has(tupleOf(row, key.fields)) ||
          tupleOf(row, key.fields) === tupleOf(row, key.references),
      ),
    );
    if (ready.length === 0)
      throw new RestoreError("countMismatch", `${model.name} rows refer to rows that are missing`);
    for (let i = 0; i < ready.length; i += BATCH_ROWS)
      await delegate(tx, model.name).createMany({ data: ready.slice(i, i + BATCH_ROWS) });
    for (const row of ready)
      for (const [i, key] of keys.entries()) present[i]!.add(tupleOf(row, key.references));
    const done = new Set(ready);
    waiting = waiting.filter((row) => !done.has(row));
  }
}

/** PostgreSQL: autoincrement sequences continue after the highest restored id. */
async function advanceSequences(tx: Tx, datamodel: Datamodel, header: ArchiveHeader) {
  for (const entry of header.models) {
    if (entry.count === 0) continue;
    const model = modelByName(datamodel, entry.name);
    for (const field of model.fields.filter((f) => f.isAutoincrement)) {
      const table = (model.dbName ?? model.name).replace(/"/g, '""');
      const column = field.dbName ?? field.name;
      await tx.$queryRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('"${table.replace(/'/g, "''")}"', '${column.replace(/'/g, "''")}'), (SELECT MAX("${column.replace(/"/g, '""')}") FROM "${table}"))`,
      );
    }
  }
}

/** How many documents of each kind an archive restores (each with an empty log). */
export function documentCounts(header: ArchiveHeader): { kind: string; count: number }[] {
  return DOCUMENT_KINDS.map((d) => ({
    kind: d.kind,
    count: header.documents.find((x) => x.kind === d.kind)?.count ?? 0,
  }));
}
