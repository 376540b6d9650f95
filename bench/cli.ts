// Small helpers every benchmark script shares: a wall clock with sub-millisecond resolution that
// agrees across processes, a sleep, and the command-line flags (`--name` and `--name value`).
import { performance } from "node:perf_hooks";

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const argv = process.argv.slice(2);
/** The arguments as given (for the report). */
export const args = (): string[] => argv;
export const flag = (name: string) => argv.includes(`--${name}`);
export const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
};
