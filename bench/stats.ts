// Small numeric helpers for the report.

export type Summary = {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
};

/** Nearest-rank percentiles of the samples (sorted in place). */
export function summarize(samples: Float32Array | number[]): Summary {
  const sorted =
    samples instanceof Float32Array ? samples.sort() : [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0)
    return {
      n,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
    };
  const at = (p: number) =>
    sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] as number;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return { n, p50: at(50), p95: at(95), p99: at(99), max: sorted[n - 1] as number, mean: sum / n };
}

export function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits);
