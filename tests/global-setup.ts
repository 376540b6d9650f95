// Runs once before the Vitest suite: a fresh SQLite file, migrated with the real Prisma CLI,
// at the DATABASE_URL that vitest.config.ts gives every test worker.
import fs from "node:fs/promises";
import path from "node:path";
import { migrateDeploy, repoRoot } from "./helpers/db";

export default async function setup() {
  const dir = path.join(repoRoot, "tests/.tmp/vitest");
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  await migrateDeploy(`file:${path.join(dir, "werkplaats.db")}`);
}
