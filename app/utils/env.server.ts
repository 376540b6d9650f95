// The environment, validated once at start (a wrong value stops the server with a clear message).
import { z } from "zod";

const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: every interface in production, this machine only in development. */
  HOST: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  /** Several nodes: their shared Redis (live events, document fan-out, rate limits). */
  REDIS_URL: z.string().optional(),
  /** Prefix of every Redis key and channel of this instance. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/)
    .default("werkplaats:"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Werkplaats <noreply@werkplaats.test>"),
  /** Public origin used in e-mailed links (default: the request's own origin). */
  APP_URL: z.url().optional(),
  SEED_DEMO: boolish.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Login attempts allowed per IP and per e-mail address within LOGIN_RATE_WINDOW_SECONDS. */
  LOGIN_RATE_LIMIT_IP: z.coerce.number().int().positive().default(30),
  LOGIN_RATE_LIMIT_EMAIL: z.coerce.number().int().positive().default(8),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Sign-ups allowed per IP within an hour. */
  SIGNUP_RATE_LIMIT_IP: z.coerce.number().int().positive().default(20),
  /**
   * Every state-changing request (POST and the like): allowed per signed-in person, and per IP
   * address for people not signed in, within MUTATION_RATE_WINDOW_SECONDS; on top of that a
   * burst of MUTATION_RATE_BURST more, once per ten windows. Over it: HTTP 429.
   */
  MUTATION_RATE_LIMIT_USER: z.coerce.number().int().positive().default(120),
  MUTATION_RATE_LIMIT_IP: z.coerce.number().int().positive().default(300),
  MUTATION_RATE_BURST: z.coerce.number().int().min(0).default(60),
  MUTATION_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /**
   * Websocket upgrades (/collab/<room>) one IP address may start per minute, counted before the
   * session is looked up, per node; 0 switches the limit off.
   */
  COLLAB_UPGRADES_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** How often the scheduler delivers queued mail and queues meeting reminders. */
  MAIL_INTERVAL_SECONDS: z.coerce.number().positive().default(5),
  /** Where mail is kept when SMTP_URL is unset. */
  OUTBOX_DIR: z.string().default("data/outbox"),
  /** Largest websocket frame the sync server accepts (bytes); bigger ones close the connection. */
  COLLAB_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(4 * 1024 * 1024),
  /** Messages per second one websocket connection may send on average, and its burst. */
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().positive().default(100),
  COLLAB_MESSAGE_BURST: z.coerce.number().int().positive().default(400),
  /** Open websocket connections per user (tabs and devices together). */
  COLLAB_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(20),
  /** Documents one node keeps open at once; further ones are refused until some unload. */
  COLLAB_MAX_ROOMS: z.coerce.number().int().positive().default(2000),
  /**
   * Admission control (server/collab/admission.ts): websocket joins authorised at once, and
   * how many more may wait before upgrades are refused with 503 (clients back off and retry).
   */
  COLLAB_MAX_ACTIVE_JOINS: z.coerce.number().int().positive().default(32),
  COLLAB_MAX_WAITING_JOINS: z.coerce.number().int().min(0).default(1000),
  /** Open live-update streams (plenary page, questions board) per user; more get HTTP 429. */
  LIVE_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(10),
  /**
   * How many reverse proxies in front of the server to trust for X-Forwarded-* (client IP,
   * host, protocol): 0 (none), or a hop count; "true" means 1, "false" 0.
   */
  TRUST_PROXY: z
    .string()
    .default("0")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)))
    .pipe(z.number().int().min(0).max(10)),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => getEnv().NODE_ENV === "production";
