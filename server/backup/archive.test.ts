import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveError,
  type ArchiveHeader,
  ArchiveWriter,
  archiveRows,
  decodeValue,
  encodeValue,
  verifyArchive,
} from "./archive";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "werkplaats-archive-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const header = (counts: { Thing: number }): ArchiveHeader => ({
  format: ARCHIVE_FORMAT,
  formatVersion: ARCHIVE_FORMAT_VERSION,
  appVersion: "0.0.0",
  createdAt: new Date(0).toISOString(),
  source: { provider: "sqlite" },
  migrations: ["1_init"],
  consistency: "test",
  models: [{ name: "Thing", fields: { id: "String", at: "DateTime" }, count: counts.Thing }],
  documents: [],
});

async function write(name: string, rows: number): Promise<string> {
  const file = path.join(dir, name);
  const writer = new ArchiveWriter(file);
  await writer.write(header({ Thing: rows }));
  for (let i = 0; i < rows; i++)
    await writer.write({ m: "Thing", r: { id: `t${i}`, at: new Date(i).toISOString() } });
  await writer.finish();
  return file;
}

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "none",
    (error: unknown) => (error instanceof ArchiveError ? error.problem : String(error)),
  );

describe("archive values", () => {
  it("round-trips every scalar type in a provider-neutral form", () => {
    const cases: [string, unknown, unknown][] = [
      ["DateTime", new Date("2026-03-01T08:30:00.123Z"), "2026-03-01T08:30:00.123Z"],
      ["Bytes", new Uint8Array([0, 255, 10]), "AP8K"],
      ["BigInt", 9007199254740993n, "9007199254740993"],
      ["Decimal", "12.50", "12.50"],
      ["Float", 1.5, 1.5],
      ["Float", Number.POSITIVE_INFINITY, "Infinity"],
      ["Int", 7, 7],
      ["Boolean", false, false],
      ["String", "Café ✓", "Café ✓"],
      ["Json", { a: [1] }, { a: [1] }],
    ];
    for (const [type, value, encoded] of cases) {
      expect(encodeValue(type, value), type).toEqual(encoded);
      expect(decodeValue(type, JSON.parse(JSON.stringify(encoded)), type), type).toEqual(value);
    }
    expect(encodeValue("Bytes", null)).toBeNull();
    expect(decodeValue("DateTime", null, "x")).toBeNull();
  });

  it("refuses a value that is not of its column's type", () => {
    expect(() => decodeValue("DateTime", "gisteren", "line 3, Thing.at")).toThrow(
      /line 3, Thing.at: not a valid DateTime/,
    );
    expect(() => decodeValue("Bytes", "not base64!", "b")).toThrow(ArchiveError);
    expect(() => decodeValue("Int", 1.5, "i")).toThrow(ArchiveError);
    expect(() => decodeValue("String", 1, "s")).toThrow(ArchiveError);
  });
});

describe("archive files", () => {
  it("verifies a complete archive and reads its rows back", async () => {
    const file = await write("good.jsonl.gz", 1200);
    const verified = await verifyArchive(file);
    expect(verified.models[0]!.count).toBe(1200);
    expect(verified.sha256).toMatch(/^[0-9a-f]{64}$/);
    const rows = [];
    for await (const row of archiveRows(file)) rows.push(row);
    expect(rows).toHaveLength(1200);
    expect(rows[1199]).toEqual({
      m: "Thing",
      r: { id: "t1199", at: new Date(1199).toISOString() },
    });
    await expect(fs.access(`${file}.partial`)).rejects.toThrow();
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it("names what is wrong with a broken one", async () => {
    const good = await fs.readFile(await write("source.jsonl.gz", 2000));
    const lines = zlib.gunzipSync(good).toString("utf8").split("\n");
    const variant = async (name: string, content: Buffer | string) => {
      const file = path.join(dir, name);
      await fs.writeFile(file, content);
      return problemOf(verifyArchive(file));
    };

    expect(await variant("cut.gz", good.subarray(0, Math.floor(good.length / 2)))).toBe(
      "truncated",
    );
    // Cut at a line boundary and compressed again: gzip is fine, the end marker is missing.
    expect(await variant("short.gz", zlib.gzipSync(lines.slice(0, 900).join("\n")))).toBe(
      "truncated",
    );
    const tampered = [...lines];
    tampered[5] = tampered[5]!.replace("t4", "t9");
    expect(await variant("tampered.gz", zlib.gzipSync(tampered.join("\n")))).toBe("checksum");
    expect(await variant("plain.txt", "just text\n")).toBe("notArchive");
    expect(await variant("other.gz", zlib.gzipSync('{"hello":"world"}\n'))).toBe("notArchive");
    const newer = JSON.parse(lines[0]!) as ArchiveHeader;
    newer.formatVersion = ARCHIVE_FORMAT_VERSION + 1;
    expect(
      await variant(
        "newer.gz",
        zlib.gzipSync([JSON.stringify(newer), ...lines.slice(1)].join("\n")),
      ),
    ).toBe("tooNew");
    const wrongColumns = [...lines];
    wrongColumns[2] = JSON.stringify({ m: "Thing", r: { id: "x" } });
    expect(await variant("columns.gz", zlib.gzipSync(wrongColumns.join("\n")))).toBe("damaged");
    expect(await problemOf(verifyArchive(path.join(dir, "missing.gz")))).toBe("notFound");
  });

  it("leaves no file behind when writing is aborted", async () => {
    const file = path.join(dir, "aborted.jsonl.gz");
    const writer = new ArchiveWriter(file);
    await writer.write(header({ Thing: 1 }));
    await writer.abort();
    await expect(fs.access(file)).rejects.toThrow();
    await expect(fs.access(`${file}.partial`)).rejects.toThrow();
  });
});
