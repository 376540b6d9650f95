// Structured logging (pino), one definition for the server and the app's server modules.
// Requests get a child logger with their id (server/app.ts).
import pino from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");

export const logger = pino({
  level,
  base: { service: "werkplaats" },
  redact: { paths: ["req.headers.cookie", 'res.headers["set-cookie"]'], remove: true },
});

export type Logger = typeof logger;
