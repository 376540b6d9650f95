// Generates both Prisma clients (SQLite and PostgreSQL) from their schemas; runs on npm install.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  // DATABASE_URL is blanked: generating connects nowhere, and the config must not pick the other provider.
  execFileSync(process.execPath, [prisma, "generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_URL: "", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
