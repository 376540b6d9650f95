// Outgoing e-mail. With SMTP_URL set, nodemailer sends it; without, each message is written as
// JSON to OUTBOX_DIR (data/outbox/) and can be read at /dev/outbox outside production.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "~/utils/env.server";

export type EmailAttachment = { filename: string; contentType: string; content: string };
export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
  /**
   * Stable id of this message (the queued job's id). SMTP uses it as Message-ID, the outbox as
   * file name, so delivering the same message again replaces rather than duplicates it there.
   */
  id?: string;
};
export type StoredEmail = Omit<OutgoingEmail, "id"> & { id: string; from: string; sentAt: string };

let transport: Transporter | undefined;

function outboxDir(): string {
  return path.resolve(getEnv().OUTBOX_DIR);
}

export async function sendEmail(message: OutgoingEmail): Promise<void> {
  const env = getEnv();
  const { id: messageId, ...content } = message;
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    const domain = env.MAIL_FROM.match(/@([^>\s]+)/)?.[1] ?? "werkplaats.local";
    await transport.sendMail({
      from: env.MAIL_FROM,
      ...content,
      ...(messageId ? { messageId: `<${messageId}@${domain}>` } : {}),
    });
    return;
  }
  const sentAt = new Date().toISOString();
  // Sortable by time; a queued message keeps its job id so a repeat overwrites the same file.
  const id = messageId
    ? `${messageId}`
    : `${sentAt.replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 8)}`;
  const stored: StoredEmail = { id, from: env.MAIL_FROM, sentAt, ...content };
  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${id.replace(/[^\w.-]/g, "_")}.json`);
  await fs.writeFile(`${file}.tmp`, JSON.stringify(stored, null, 2));
  await fs.rename(`${file}.tmp`, file);
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
  const mails = await Promise.all(
    names
      .filter((n) => n.endsWith(".json"))
      .map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), "utf8")) as StoredEmail),
  );
  return mails.sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, limit);
}
