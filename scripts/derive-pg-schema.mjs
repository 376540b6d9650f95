// Derives prisma/postgres/schema.prisma from the one source schema (prisma/schema.prisma).
// Usage: node scripts/derive-pg-schema.mjs          writes the derived file
//        node scripts/derive-pg-schema.mjs --check  exits 1 when the derived file is stale
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourcePath = path.join(root, "prisma/schema.prisma");
const targetPath = path.join(root, "prisma/postgres/schema.prisma");

export function derivePostgresSchema(source) {
  let out = source;
  const replace = (from, to) => {
    if (!from.test(out)) throw new Error(`derive-pg-schema: pattern not found: ${from}`);
    out = out.replace(from, to);
  };
  replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');

  replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/werkplaats"');
  replace(
    /output(\s*)=\s*"\.\.\/app\/generated\/prisma-sqlite"/,
    'output$1= "../../app/generated/prisma-pg"',
  );
  const header =
    "// GENERATED from prisma/schema.prisma by scripts/derive-pg-schema.mjs. Do not edit.\n" +
    "// Edit prisma/schema.prisma and run `npm run db:derive` (or `npm run db:migration`).\n\n";
  return header + out.replace(/^(\/\/[^\n]*\n)+\n?/, "");
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const derived = derivePostgresSchema(fs.readFileSync(sourcePath, "utf8"));
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(targetPath) ? fs.readFileSync(targetPath, "utf8") : "";
    if (current !== derived) {
      console.error("prisma/postgres/schema.prisma is out of date: run `npm run db:derive`.");
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(targetPath), { recursive: true });
    fs.writeFileSync(targetPath, derived);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
