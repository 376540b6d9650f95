// Structured logging (pino). One logger for the process; requests get a child with their id.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "werkplaats" },
  redact: { paths: ["req.headers.cookie", 'res.headers["set-cookie"]'], remove: true },
});

export type Logger = typeof logger;
