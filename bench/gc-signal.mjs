// Preloaded into both benchmarked servers (node --expose-gc --import ./bench/gc-signal.mjs).
// It changes nothing in how they run; it only lets the bench look inside:
// - SIGUSR2: a full garbage collection, then process.memoryUsage() written to
//   BENCH_MEMORY_FILE (a settled RSS and the live heap);
// - SIGWINCH: the server's event-loop delay since the last SIGWINCH (perf_hooks histogram,
//   10 ms resolution) written to BENCH_LOOP_FILE, then reset.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

process.on("SIGUSR2", () => {
  if (typeof globalThis.gc === "function") globalThis.gc();
  const file = process.env.BENCH_MEMORY_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(process.memoryUsage()));
});

process.on("SIGWINCH", () => {
  const file = process.env.BENCH_LOOP_FILE;
  const ms = (ns) => ns / 1e6;
  if (file)
    fs.writeFileSync(
      file,
      JSON.stringify({
        p50: ms(loop.percentile(50)),
        p99: ms(loop.percentile(99)),
        max: ms(loop.max),
        mean: ms(loop.mean),
      }),
    );
  loop.reset();
});
