// Makes a new migration for BOTH providers from a change to prisma/schema.prisma.
// Usage: npm run db:migration -- <name>
//
// `prisma migrate dev` needs the binary schema engine, so migrations are made with
// `prisma migrate diff` from the schema as it was at the last migration
// (prisma/snapshots/<provider>.prisma) to the schema now. No database is needed
// (DATABASE_URL is blanked: a datamodel-to-datamodel diff connects nowhere).
// tests/integration/migrations.test.ts proves the folders reproduce the schema.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_magazine_editions)");
  process.exit(1);
}

execFileSync(process.execPath, [path.join(root, "scripts/derive-pg-schema.mjs")], {
  stdio: "inherit",
});

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const providers = [
  { id: "sqlite", schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  {
    id: "postgresql",
    schema: "prisma/postgres/schema.prisma",
    migrations: "prisma/postgres/migrations",
  },
];

for (const p of providers) {
  const snapshot = `prisma/snapshots/${p.id}.prisma`;
  let sql;
  try {
    sql = execFileSync(
      path.join(root, "node_modules/.bin/prisma"),
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        snapshot,
        "--to-schema-datamodel",
        p.schema,
        "--script",
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: "" },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
  } catch {
    console.error(`prisma migrate diff failed for ${p.id}`);
    process.exit(1);
  }
  if (/This is an empty migration/.test(sql)) {
    // Comment-only edits still move the snapshot, so it always mirrors the schema.
    fs.copyFileSync(path.join(root, p.schema), path.join(root, snapshot));
    console.log(`${p.id}: no model change, no migration written`);
    continue;
  }
  const dir = path.join(root, p.migrations, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.copyFileSync(path.join(root, p.schema), path.join(root, snapshot));
  console.log(`${p.id}: wrote ${path.relative(root, dir)}/migration.sql`);
}
