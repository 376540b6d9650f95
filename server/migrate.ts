// Applies pending migrations at start with the Prisma CLI (JS schema engine: no download).
import { spawn } from "node:child_process";
import path from "node:path";
import type { Logger } from "./logger";

export async function applyMigrations(root: string, logger: Logger): Promise<void> {
  const bin = path.join(root, "node_modules", "prisma", "build", "index.js");
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    child.on("error", reject);
    child.on("exit", (c) => resolve(c ?? 1));
  });
  const text = output.join("").trim();
  if (code !== 0) {
    throw new Error(`Database migration failed (prisma migrate deploy exited ${code}):\n${text}`);
  }
  const applied = text.match(
    /migrations? ha(?:s|ve) been successfully applied|No pending migrations to apply/i,
  )?.[0];
  logger.info({ result: applied ?? "done" }, "database migrations applied");
}
