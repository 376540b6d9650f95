import { describe, expect, it } from "vitest";
import { pgPoolConfig, prismaPaths, resolveDatabase } from "./database-url";

describe("choosing the database from DATABASE_URL", () => {
  it("defaults to the SQLite file under data/", () => {
    expect(resolveDatabase("", "/srv/app")).toEqual({
      provider: "sqlite",
      url: "file:data/werkplaats.db",
      file: "/srv/app/data/werkplaats.db",
    });
    expect(prismaPaths("sqlite").migrations).toBe("prisma/migrations");
  });

  it("uses PostgreSQL for postgres:// and postgresql:// URLs", () => {
    expect(resolveDatabase("postgres://u@h/db").provider).toBe("postgresql");
    expect(resolveDatabase("postgresql://u@h/db").provider).toBe("postgresql");
    expect(prismaPaths("postgresql").schema).toBe("prisma/postgres/schema.prisma");
  });

  it("refuses anything else with a message that does not print the URL's secrets", () => {
    expect(() => resolveDatabase("mysql://user:geheim@h/db")).toThrow(/postgres/);
    expect(() => resolveDatabase("mysql://user:geheim@h/db")).not.toThrow(/geheim/);
  });

  it("keeps the database name separate so a shadow database can replace it", () => {
    const config = pgPoolConfig("postgresql://postgres@127.0.0.1:5432/test");
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 5432,
      database: "test",
      user: "postgres",
    });
    expect(config).not.toHaveProperty("connectionString");
  });
});
