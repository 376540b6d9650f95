// `npm run backup`: every row of every model plus every realtime document's state, read in one
// consistent snapshot, written as one archive (archive.ts).
//
// Consistency: everything is read inside one read transaction. On SQLite (WAL) that is a
// snapshot as of the first read, while the server goes on writing; on PostgreSQL the
// transaction is REPEATABLE READ and READ ONLY. So a compaction that folds the log into a
// document's state while the backup runs is seen either entirely or not at all.
import * as Y from "yjs";
import { Prisma } from "~/generated/prisma-sqlite/client";
import type { DatabaseTarget } from "~/lib/database-url";
import type { Db } from "~/utils/db.server";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type ArchiveDocuments,
  type ArchiveHeader,
  type ArchiveModel,
  ArchiveWriter,
  encodeValue,
} from "./archive";
import {
  type ClientNamespace,
  type Datamodel,
  DatamodelError,
  loadDatamodel,
  type Model,
  modelByName,
  planInserts,
  scalarFields,
} from "./datamodel";
import {
  appliedMigrations,
  appVersion,
  checkDocumentKinds,
  DOCUMENT_KINDS,
  type DocumentKind,
  delegate,
  isLogModel,
  migrationNames,
  type Row,
} from "./shared";

/**
 * Rows read per query. Bytes columns arrive from the driver adapters as arrays of numbers (about
 * eight times their size), so a page is sized by the bytes its rows carried so far: about
 * PAGE_BYTES of binary data, between 1 and PAGE_ROWS rows.
 */
const PAGE_ROWS = 500;
const PAGE_BYTES = 4 * 1024 * 1024;
/** The first page of a model with bytes columns (documents, versions, cover images, PDFs). */
const FIRST_PAGE_WITH_BYTES = 10;
/** Long enough for any instance; the snapshot costs the server nothing meanwhile. */
const TRANSACTION_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export type BackupSummary = {
  file: string;
  header: ArchiveHeader;
  sha256: string;
  lines: number;
};

export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    readonly problem: "notMigrated" | "inconsistent",
    message: string,
  ) {
    super(message);
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Writes the archive of the database `db` (at `target`) to `file`. */
export async function createBackup(
  db: Db,
  target: DatabaseTarget,
  options: { file: string; root: string; now?: Date },
): Promise<BackupSummary> {
  const datamodel = loadDatamodel(options.root, Prisma as unknown as ClientNamespace, db);
  checkDocumentKinds(datamodel);
  const plan = planInserts(datamodel);
  const migrations = migrationNames(options.root, target.provider);
  const writer = new ArchiveWriter(options.file);
  try {
    const header = await db.$transaction(
      async (tx) => {
        if (target.provider === "postgresql")
          await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        const applied = await appliedMigrations(tx);
        if (applied.join() !== migrations.join())
          throw new BackupError(
            "notMigrated",
            applied.length === 0
              ? "it has no migrations applied"
              : `its last migration is ${applied.at(-1)}, this version's ${migrations.at(-1)}`,
          );
        return writeSnapshot(tx, datamodel, plan.order, writer, {
          format: ARCHIVE_FORMAT,
          formatVersion: ARCHIVE_FORMAT_VERSION,
          appVersion: appVersion(options.root),
          createdAt: (options.now ?? new Date()).toISOString(),
          source: { provider: target.provider },
          migrations,
          consistency:
            target.provider === "postgresql"
              ? "one REPEATABLE READ, READ ONLY transaction"
              : "one SQLite read transaction (WAL snapshot)",
        });
      },
      {
        maxWait: 30_000,
        timeout: TRANSACTION_TIMEOUT_MS,
        ...(target.provider === "postgresql"
          ? // The SQLite client's types know only Serializable; the PostgreSQL client is used here.
            { isolationLevel: "RepeatableRead" as "Serializable" }
          : {}),
      },
    );
    const trailer = await writer.finish();
    return { file: options.file, header, sha256: trailer.sha256, lines: trailer.lines };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

async function writeSnapshot(
  tx: Tx,
  datamodel: Datamodel,
  order: string[],
  writer: ArchiveWriter,
  base: Omit<ArchiveHeader, "models" | "documents">,
): Promise<ArchiveHeader> {
  const counts = new Map<string, number>();
  for (const name of order) counts.set(name, await delegate(tx, name).count());

  const models: ArchiveModel[] = order.map((name) => ({
    name,
    fields: Object.fromEntries(
      scalarFields(modelByName(datamodel, name)).map((f) => [f.name, f.type]),
    ),
    count: isLogModel(name) ? 0 : counts.get(name)!,
  }));
  const documents: ArchiveDocuments[] = DOCUMENT_KINDS.map((d) => ({
    kind: d.kind,
    model: d.model,
    stateField: d.stateField,
    logModel: d.logModel,
    count: counts.get(d.model)!,
    foldedLogRows: counts.get(d.logModel)!,
  }));
  const header: ArchiveHeader = { ...base, models, documents };
  await writer.write(header);

  for (const name of order) {
    if (isLogModel(name)) continue;
    const model = modelByName(datamodel, name);
    const document = DOCUMENT_KINDS.find((d) => d.model === name);
    const hasBytes = scalarFields(model).some((f) => f.type === "Bytes");
    let pageSize = hasBytes ? FIRST_PAGE_WITH_BYTES : PAGE_ROWS;
    let written = 0;
    let folded = 0;
    let bytes = 0;
    for (;;) {
      const rows = await delegate(tx, name).findMany({
        orderBy: model.primaryKey.map((f) => ({ [f]: "asc" })),
        skip: written,
        take: pageSize,
      });
      if (document) folded += await foldDocuments(tx, document, rows);
      for (const row of rows) {
        const encoded = encodeRow(model, row);
        for (const value of Object.values(row))
          if (value instanceof Uint8Array) bytes += value.length;
        await writer.write({ m: name, r: encoded });
      }
      written += rows.length;
      if (rows.length < pageSize) break;
      if (hasBytes)
        pageSize = Math.max(1, Math.min(PAGE_ROWS, Math.floor(PAGE_BYTES / (bytes / written + 1))));
    }
    // The counts were taken in the same snapshot: a difference means it is not one.
    if (written !== counts.get(name))
      throw new BackupError(
        "inconsistent",
        `${name}: counted ${counts.get(name)}, read ${written}`,
      );
    if (document && folded !== counts.get(document.logModel))
      throw new BackupError(
        "inconsistent",
        `${document.logModel}: counted ${counts.get(document.logModel)}, folded ${folded}`,
      );
  }
  return header;
}

/**
 * Replaces each document row's state by its state with its whole log merged in (one update),
 * and marks nothing as compacted (the restored log starts empty). Returns the log rows used.
 */
async function foldDocuments(tx: Tx, kind: DocumentKind, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const log = await delegate(tx, kind.logModel).findMany({
    where: { [kind.logKey]: { in: rows.map((r) => r.id) } },
    orderBy: { id: "asc" },
    select: { [kind.logKey]: true, [kind.logUpdate]: true },
  });
  const updates = new Map<unknown, Uint8Array[]>();
  for (const entry of log) {
    const list = updates.get(entry[kind.logKey]) ?? [];
    list.push(new Uint8Array(entry[kind.logUpdate] as Uint8Array));
    updates.set(entry[kind.logKey], list);
  }
  for (const row of rows) {
    const state = row[kind.stateField] as Uint8Array | null;
    const parts = [...(state ? [new Uint8Array(state)] : []), ...(updates.get(row.id) ?? [])];
    try {
      row[kind.stateField] = parts.length === 0 ? null : Y.mergeUpdates(parts);
    } catch (error) {
      throw new DatamodelError(
        `${kind.model} ${String(row.id)}: its stored document cannot be read (${(error as Error).message})`,
      );
    }
    row[kind.compactedField] = 0;
  }
  return log.length;
}

function encodeRow(model: Model, row: Row): Row {
  const columns = scalarFields(model);
  const extra = Object.keys(row).filter((k) => !columns.some((f) => f.name === k));
  if (extra.length > 0)
    throw new DatamodelError(`${model.name} rows have columns the schema does not: ${extra}`);
  const out: Row = {};
  for (const field of columns) {
    if (!(field.name in row))
      throw new DatamodelError(`${model.name} rows come without the column ${field.name}`);
    out[field.name] = encodeValue(field.type, row[field.name]);
  }
  return out;
}
