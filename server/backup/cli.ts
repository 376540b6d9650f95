// The two commands: argument parsing, Dutch-then-English messages, exit codes (0 done, 1 failed,
// 2 wrong usage). Known problems (a damaged archive, a database that is not empty, …) are told
// in words; WERKPLAATS_DEBUG=1 adds the stack trace of anything else.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intlLocale, type Locale, type MessageKey, translator } from "~/i18n";
import { type DatabaseTarget, resolveDatabase } from "~/lib/database-url";
import { ArchiveError } from "./archive";
import { DatamodelError } from "./datamodel";
import { describeTarget } from "./shared";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the user typed the command (npm runs scripts in the package root). */
const userCwd = process.env.INIT_CWD ?? process.cwd();

type Vars = Record<string, string | number | ((locale: Locale) => string)>;

function message(locale: Locale, key: MessageKey, vars: Vars): string {
  const t = translator(locale);
  return t(
    key,
    Object.fromEntries(
      Object.entries(vars).map(([k, v]) => [k, typeof v === "function" ? v(locale) : v]),
    ),
  );
}

/** Prints a message in Dutch, then (indented) in English. */
function say(key: MessageKey, vars: Vars = {}, error = false) {
  const text = `${message("nl", key, vars)}\n  ${message("en", key, vars)}`;
  if (error) console.error(text);
  else console.log(text);
}

const number = (n: number) => (locale: Locale) => n.toLocaleString(intlLocale(locale));
const size = (bytes: number) => (locale: Locale) =>
  bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024).toLocaleString(intlLocale(locale))} kB`
    : `${(bytes / 1024 / 1024).toLocaleString(intlLocale(locale), { maximumFractionDigits: 1 })} MB`;
/** A path as the user would type it: relative to where they are, unless it is elsewhere. */
const shown = (file: string) => {
  const relative = path.relative(userCwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
};
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function debug(error: unknown) {
  if (process.env.WERKPLAATS_DEBUG) console.error(error);
}

function databaseTarget(): DatabaseTarget | null {
  try {
    return resolveDatabase();
  } catch (error) {
    say("backup.badDatabaseUrl", { reason: reasonOf(error) }, true);
    return null;
  }
}

export async function runCli(command: string | undefined, args: string[]): Promise<number> {
  if (command === "backup") return backupCommand(args);
  if (command === "restore") return restoreCommand(args);
  console.error("usage: main.ts backup|restore [options]");
  return 2;
}

function timestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
}

async function backupCommand(args: string[]): Promise<number> {
  let out: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      say("backup.usage");
      return 0;
    } else if ((arg === "--out" || arg === "-o") && args[i + 1]) out = args[++i]!;
    else if (arg.startsWith("--out=") && arg.length > 6) out = arg.slice(6);
    else {
      say("backup.unknownOption", { option: arg }, true);
      say("backup.usage", {}, true);
      return 2;
    }
  }
  const now = new Date();
  const file = out
    ? path.resolve(userCwd, out)
    : path.join(root, "backups", `werkplaats-${timestamp(now)}.jsonl.gz`);
  if (fs.existsSync(file)) {
    say("backup.exists", { file }, true);
    return 1;
  }
  const target = databaseTarget();
  if (!target) return 1;
  if (target.provider === "sqlite" && !fs.existsSync(target.file)) {
    say("backup.noDatabase", { file: target.file }, true);
    return 1;
  }
  say("backup.source", { target: describeTarget(target) });

  const { createDb } = await import("~/utils/db.server");
  const { BackupError, createBackup } = await import("./backup");
  const db = createDb(target);
  try {
    const summary = await createBackup(db, target, { file, root, now });
    const { header } = summary;
    const written = header.models.filter((m) => m.count > 0);
    const rows = written.reduce((sum, m) => sum + m.count, 0);
    const { fileSha256 } = await import("./archive");
    say("backup.written", { file: shown(file), size: size(fs.statSync(file).size) });
    say(target.provider === "postgresql" ? "backup.consistencyPg" : "backup.consistencySqlite");
    say("backup.rows", {
      rows: number(rows),
      models: written.length,
      list: written.map((m) => `${m.name} ${m.count}`).join(", "),
    });
    const docs = (kind: string) => header.documents.find((d) => d.kind === kind);
    say("backup.documents", {
      outcomes: number(docs("outcome")?.count ?? 0),
      editions: number(docs("edition")?.count ?? 0),
      folded: number(header.documents.reduce((sum, d) => sum + d.foldedLogRows, 0)),
    });
    say("backup.sha", { sha: await fileSha256(file) });
    return 0;
  } catch (error) {
    if (error instanceof BackupError && error.problem === "notMigrated")
      say("backup.notMigrated", { detail: error.message }, true);
    else if (error instanceof DatamodelError)
      say("backup.datamodel", { detail: error.message }, true);
    else say("backup.failed", { reason: reasonOf(error) }, true);
    debug(error);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

async function restoreCommand(args: string[]): Promise<number> {
  let file: string | null = null;
  let force = false;
  for (const arg of args) {
    if (arg === "--help" || arg === "-h") {
      say("restore.usage");
      return 0;
    } else if (arg === "--force") force = true;
    else if (!arg.startsWith("-") && file === null) file = path.resolve(userCwd, arg);
    else {
      say("backup.unknownOption", { option: arg }, true);
      say("restore.usage", {}, true);
      return 2;
    }
  }
  if (!file) {
    say("restore.missingFile", {}, true);
    return 2;
  }
  const target = databaseTarget();
  if (!target) return 1;

  const { RestoreError, documentCounts, restoreBackup } = await import("./restore");
  const { applyMigrations } = await import("../migrate");
  const { logger } = await import("~/utils/logger.server");
  const started = Date.now();
  let migrating = false;
  say("restore.checking", { file: shown(file) });
  try {
    const summary = await restoreBackup(target, {
      file,
      root,
      force,
      migrate: async () => {
        migrating = true;
        await applyMigrations(root, logger.child({}, { level: "warn" }));
        migrating = false;
      },
      report: (event) => {
        if (event.type === "verified") {
          say("restore.verified", {
            format: event.header.formatVersion,
            version: event.header.appVersion,
            createdAt: event.header.createdAt,
            provider: event.header.source.provider,
          });
          say("restore.target", { target: describeTarget(target) });
        } else if (event.type === "migrated") say("restore.migrated");
        else if (event.type === "wiping") {
          const counts = Object.values(event.counts);
          say("restore.wiping", {
            rows: number(counts.reduce((a, b) => a + b, 0)),
            models: counts.length,
          });
        }
      },
    });
    const counts = Object.values(summary.counts).filter((n) => n > 0);
    const docs = documentCounts(summary.header);
    say("restore.done", {
      seconds: ((Date.now() - started) / 1000).toFixed(1),
      rows: number(counts.reduce((a, b) => a + b, 0)),
      models: counts.length,
    });
    say("restore.documents", {
      outcomes: number(docs.find((d) => d.kind === "outcome")?.count ?? 0),
      editions: number(docs.find((d) => d.kind === "edition")?.count ?? 0),
    });
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) {
      say(`restore.${error.problem}`, { file: shown(file), detail: error.message }, true);
      say("restore.unchanged", {}, true);
    } else if (error instanceof RestoreError) {
      const d = error.details as Record<string, string>;
      if (error.problem === "migrationsDiffer") {
        const key =
          d.relation === "older"
            ? "restore.migrationsOlder"
            : d.relation === "newer"
              ? "restore.migrationsNewer"
              : "restore.migrationsDifferent";
        say(key, { version: d.appVersion!, archive: d.archive!, app: d.app! }, true);
      } else if (error.problem === "notEmpty") {
        const counts = Object.values(error.details.counts as Record<string, number>);
        say(
          "restore.notEmpty",
          { rows: number(counts.reduce((a, b) => a + b, 0)), models: counts.length },
          true,
        );
      } else if (error.problem === "schemaDiffers")
        say("restore.schemaDiffers", { detail: error.message }, true);
      else say("restore.countMismatch", { detail: error.message }, true);
      say("restore.unchanged", {}, true);
    } else if (/SocketTimeout|database is locked|SQLITE_BUSY/i.test(reasonOf(error))) {
      say("restore.busy", {}, true);
      say("restore.unchanged", {}, true);
    } else {
      say("restore.failed", { reason: reasonOf(error) }, true);
      if (!migrating) say("restore.unchanged", {}, true);
    }
    debug(error);
    return 1;
  }
}
