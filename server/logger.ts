// The process logger is defined with the app's server modules so both log through one pino.
export { type Logger, logger } from "~/utils/logger.server";
