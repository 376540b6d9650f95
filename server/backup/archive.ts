// The backup archive: one gzip'd file of JSON lines, readable with `zcat file | head -1`.
//
//   line 1        header: format and version, app version, migrations, created-at, and per
//                 model (in insertion order) its columns with their types and its row count
//   lines 2..n    {"m":"<Model>","r":{<column>: <value>, …}}, model by model in header order
//   last line     {"end":true,"lines":<n>,"sha256":"<hex>"}: the number of lines before it and
//                 the SHA-256 of their bytes (newlines included)
//
// Values are portable between SQLite and PostgreSQL: DateTime as ISO 8601 (UTC), Bytes as
// base64, BigInt and Decimal as strings, Float that is not finite as a string.
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

export const ARCHIVE_FORMAT = "werkplaats-backup";
export const ARCHIVE_FORMAT_VERSION = 1;

export type ArchiveModel = {
  name: string;
  /** Column → Prisma scalar type (or enum name, written as a string). */
  fields: Record<string, string>;
  /** Rows written for this model. */
  count: number;
};

/** A realtime document kind: its rows carry the state, its log model is folded in. */
export type ArchiveDocuments = {
  kind: string;
  model: string;
  stateField: string;
  logModel: string;
  /** Documents (rows of `model`) and log rows folded into their states (not written). */
  count: number;
  foldedLogRows: number;
};

export type ArchiveHeader = {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  source: { provider: string };
  /** Migration folder names applied to the source database, in order. */
  migrations: string[];
  consistency: string;
  models: ArchiveModel[];
  documents: ArchiveDocuments[];
};

export type ArchiveTrailer = { end: true; lines: number; sha256: string };

export type ArchiveRow = { m: string; r: Record<string, unknown> };

export type ArchiveProblem =
  | "notFound"
  | "notArchive"
  | "truncated"
  | "damaged"
  | "checksum"
  | "tooNew";

/** What is wrong with an archive file; the message says where. */
export class ArchiveError extends Error {
  override name = "ArchiveError";
  constructor(
    readonly problem: ArchiveProblem,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Values

function encodeScalar(type: string, value: unknown): unknown {
  switch (type) {
    case "DateTime":
      return (value as Date).toISOString();
    case "Bytes":
      return Buffer.from(value as Uint8Array).toString("base64");
    case "BigInt":
    case "Decimal":
      return String(value);
    case "Float":
      return Number.isFinite(value) ? value : String(value);
    default:
      return value;
  }
}

/** A database value as it goes into the archive. */
export function encodeValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && type !== "Json") return value.map((v) => encodeScalar(type, v));
  return encodeScalar(type, value);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeScalar(type: string, value: unknown, where: string): unknown {
  const wrong = () => new ArchiveError("damaged", `${where}: not a valid ${type} value`);
  switch (type) {
    case "DateTime": {
      if (typeof value !== "string") throw wrong();
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) throw wrong();
      return date;
    }
    case "Bytes":
      if (typeof value !== "string" || value.length % 4 !== 0 || !BASE64.test(value)) throw wrong();
      return new Uint8Array(Buffer.from(value, "base64"));
    case "BigInt":
      if (typeof value !== "string" || !/^-?\d+$/.test(value)) throw wrong();
      return BigInt(value);
    case "Decimal":
      if (typeof value !== "string" || !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(value)) throw wrong();
      return value;
    case "Float":
      if (typeof value === "number") return value;
      if (value === "NaN" || value === "Infinity" || value === "-Infinity") return Number(value);
      throw wrong();
    case "Int":
      if (!Number.isInteger(value)) throw wrong();
      return value;
    case "Boolean":
      if (typeof value !== "boolean") throw wrong();
      return value;
    case "Json":
      return value;
    default: // String and enums
      if (typeof value !== "string") throw wrong();
      return value;
  }
}

/** An archive value as the Prisma client takes it; throws "damaged" when it cannot be one. */
export function decodeValue(type: string, value: unknown, where: string): unknown {
  if (value === null) return null;
  if (Array.isArray(value) && type !== "Json")
    return value.map((v, i) => decodeScalar(type, v, `${where}[${i}]`));
  return decodeScalar(type, value, where);
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Writes an archive to `<file>.partial` and renames it to `file` once complete, so an
 * interrupted backup never leaves a file that looks like a backup.
 */
export class ArchiveWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly hash = crypto.createHash("sha256");
  private readonly partial: string;
  private readonly done: Promise<void>;
  private failure: unknown = null;
  private lines = 0;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.partial = `${file}.partial`;
    // Readable by its owner only: the archive holds personal data and password hashes.
    this.done = pipeline(
      this.gzip,
      fs.createWriteStream(this.partial, { flags: "w", mode: 0o600 }),
    );
    this.done.catch((error: unknown) => {
      this.failure = error;
    });
  }

  async write(value: unknown): Promise<void> {
    if (this.failure) throw this.failure;
    const line = Buffer.from(`${JSON.stringify(value)}\n`, "utf8");
    this.hash.update(line);
    this.lines++;
    if (!this.gzip.write(line)) await Promise.race([once(this.gzip, "drain"), this.done]);
    if (this.failure) throw this.failure;
  }

  /** Writes the trailer, flushes to disk and moves the file into place. */
  async finish(): Promise<ArchiveTrailer> {
    const trailer: ArchiveTrailer = {
      end: true,
      lines: this.lines,
      sha256: this.hash.digest("hex"),
    };
    this.gzip.end(`${JSON.stringify(trailer)}\n`);
    await this.done;
    const handle = await fs.promises.open(this.partial, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(this.partial, this.file);
    return trailer;
  }

  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => {});
    await fs.promises.rm(this.partial, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The raw lines of a gzip file (newline stripped), with gzip errors named. */
async function* gzipLines(file: string): AsyncGenerator<Buffer> {
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    input = fs.createReadStream(file);
  } catch {
    throw new ArchiveError("notFound", `cannot read ${file}`);
  }
  const gunzip = zlib.createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let pending: Buffer[] = [];
  let started = false;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      started = true;
      let from = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, from)) {
        pending.push(chunk.subarray(from, nl));
        yield pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        pending = [];
        from = nl + 1;
      }
      if (from < chunk.length) pending.push(chunk.subarray(from));
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "Z_BUF_ERROR")
      throw new ArchiveError("truncated", "the file ends in the middle (gzip: unexpected end)");
    if (code === "Z_DATA_ERROR" && !started)
      throw new ArchiveError("notArchive", "the file is not gzip-compressed");
    if (code === "Z_DATA_ERROR")
      throw new ArchiveError("damaged", `gzip data is damaged (${(error as Error).message})`);
    throw error;
  } finally {
    input.destroy();
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}

function parseLine(line: Buffer, n: number): unknown {
  try {
    return JSON.parse(line.toString("utf8"));
  } catch {
    throw new ArchiveError("damaged", `line ${n} is not valid JSON`);
  }
}

function checkHeader(value: unknown): ArchiveHeader {
  const header = value as Partial<ArchiveHeader> | null;
  if (!header || typeof header !== "object" || header.format !== ARCHIVE_FORMAT)
    throw new ArchiveError("notArchive", "the first line is not a Werkplaats backup header");
  if (typeof header.formatVersion !== "number" || header.formatVersion < 1)
    throw new ArchiveError("damaged", "the header has no valid format version");
  if (header.formatVersion > ARCHIVE_FORMAT_VERSION)
    throw new ArchiveError(
      "tooNew",
      `archive format ${header.formatVersion}; this Werkplaats reads format ${ARCHIVE_FORMAT_VERSION}`,
    );
  const models = header.models;
  if (
    !Array.isArray(models) ||
    !Array.isArray(header.migrations) ||
    !Array.isArray(header.documents) ||
    models.some(
      (m) =>
        typeof m?.name !== "string" ||
        typeof m.count !== "number" ||
        typeof m.fields !== "object" ||
        m.fields === null,
    )
  )
    throw new ArchiveError("damaged", "the header is incomplete");
  return header as ArchiveHeader;
}

/**
 * Reads the whole archive and checks it without touching any database: gzip intact, header of
 * a format this code reads, every row a known model with exactly its columns, models in header
 * order, row counts as in the header, and the trailer's line count and SHA-256.
 */
export async function verifyArchive(file: string): Promise<ArchiveHeader & { sha256: string }> {
  const hash = crypto.createHash("sha256");
  let header: ArchiveHeader | null = null;
  let trailer: ArchiveTrailer | null = null;
  let lines = 0;
  let modelIndex = 0;
  const counts = new Map<string, number>();
  for await (const line of gzipLines(file)) {
    const n = lines + 1;
    if (trailer) throw new ArchiveError("damaged", `line ${n} follows the end marker`);
    const value = parseLine(line, n);
    if (!header) {
      header = checkHeader(value);
    } else if ((value as Partial<ArchiveTrailer>)?.end === true) {
      trailer = value as ArchiveTrailer;
      continue;
    } else {
      const row = value as Partial<ArchiveRow>;
      const index = header.models.findIndex((m) => m.name === row?.m);
      const model = header.models[index];
      if (!model || typeof row.r !== "object" || row.r === null)
        throw new ArchiveError("damaged", `line ${n} is not a row of a model in the header`);
      if (index < modelIndex)
        throw new ArchiveError("damaged", `line ${n}: ${model.name} rows out of order`);
      modelIndex = index;
      const columns = Object.keys(model.fields);
      const keys = Object.keys(row.r);
      if (keys.length !== columns.length || keys.some((k) => !(k in model.fields)))
        throw new ArchiveError("damaged", `line ${n}: the ${model.name} row has other columns`);
      counts.set(model.name, (counts.get(model.name) ?? 0) + 1);
    }
    hash.update(line);
    hash.update("\n");
    lines++;
  }
  if (!header) throw new ArchiveError("notArchive", "the file is empty");
  if (!trailer) throw new ArchiveError("truncated", "the end marker is missing");
  if (trailer.lines !== lines)
    throw new ArchiveError(
      "truncated",
      `${lines} lines where the end marker says ${trailer.lines}`,
    );
  const sha256 = hash.digest("hex");
  if (trailer.sha256 !== sha256)
    throw new ArchiveError("checksum", "the content does not match its SHA-256");
  for (const model of header.models)
    if ((counts.get(model.name) ?? 0) !== model.count)
      throw new ArchiveError(
        "damaged",
        `${counts.get(model.name) ?? 0} ${model.name} rows where the header says ${model.count}`,
      );
  return { ...header, sha256 };
}

/** The rows of an archive already checked by verifyArchive, in file order. */
export async function* archiveRows(file: string): AsyncGenerator<ArchiveRow> {
  let n = 0;
  for await (const line of gzipLines(file)) {
    n++;
    if (n === 1) continue;
    const value = parseLine(line, n) as ArchiveRow | ArchiveTrailer;
    if ("end" in value) return;
    yield value;
  }
}

/** SHA-256 of a whole file, as `sha256sum` prints it. */
export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
