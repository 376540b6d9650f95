// Outgoing e-mail. With SMTP_URL set, nodemailer sends it; without, each message is written as
// JSON to OUTBOX_DIR (data/outbox/) and can be read at /dev/outbox outside production.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "~/utils/env.server";

export type OutgoingEmail = { to: string; subject: string; text: string; html?: string };
export type StoredEmail = OutgoingEmail & { id: string; from: string; sentAt: string };

let transport: Transporter | undefined;

function outboxDir(): string {
  return path.resolve(getEnv().OUTBOX_DIR);
}

export async function sendEmail(message: OutgoingEmail): Promise<void> {
  const env = getEnv();
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, ...message });
    return;
  }
  const sentAt = new Date().toISOString();
  const id = `${sentAt.replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 8)}`;
  const stored: StoredEmail = { id, from: env.MAIL_FROM, sentAt, ...message };
  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, `${id}.json`), JSON.stringify(stored, null, 2));
}

/** Newest first. */
export async function readOutbox(limit = 50): Promise<StoredEmail[]> {
  const dir = outboxDir();
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const newest = names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    newest.map(
      async (n) => JSON.parse(await fs.readFile(path.join(dir, n), "utf8")) as StoredEmail,
    ),
  );
}
