import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma-sqlite/client";
import { db } from "~/utils/db.server";
import {
  type ClientNamespace,
  checkAgainstClient,
  DatamodelError,
  foreignKeys,
  parseSchema,
  planInserts,
} from "./datamodel";

const root = path.resolve(import.meta.dirname, "../..");
const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const client = Prisma as unknown as ClientNamespace;

describe("the data model read from prisma/schema.prisma", () => {
  const datamodel = parseSchema(schema);

  it("has exactly the generated client's models and columns", () => {
    expect(datamodel.models.map((m) => m.name).sort()).toEqual(
      Object.values(Prisma.ModelName).sort(),
    );
    expect(() => checkAgainstClient(datamodel, client, db)).not.toThrow();
    const membership = datamodel.models.find((m) => m.name === "SubgroupMembership")!;
    expect(membership.primaryKey).toEqual(["subgroupId", "userId"]);
    const update = datamodel.models.find((m) => m.name === "OutcomeUpdate")!;
    expect(update.fields.find((f) => f.name === "id")).toMatchObject({
      type: "Int",
      isId: true,
      isAutoincrement: true,
    });
  });

  it("orders every model after the models its foreign keys point at", () => {
    const plan = planInserts(datamodel);
    expect(plan.order).toHaveLength(datamodel.models.length);
    const at = (m: string) => plan.order.indexOf(m);
    const keys = foreignKeys(datamodel);
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      if (key.target === key.model) continue;
      const deferred = plan.deferred.get(key.model)?.includes(key);
      if (!deferred)
        expect(at(key.target), `${key.model}.${key.relation}`).toBeLessThan(at(key.model));
    }
    // The one self-reference: a merged question points at the question it was merged into.
    expect(plan.deferred.get("PlenaryQuestion")?.map((k) => k.fields)).toEqual([["mergedIntoId"]]);
    expect(plan.selfSorted.size).toBe(0);
  });

  it("fails loudly when the client lacks a model or a column of the schema", () => {
    const extra = parseSchema(`${schema}\nmodel Newcomer {\n  id String @id\n}\n`);
    expect(() => checkAgainstClient(extra, client, db)).toThrow(/Newcomer missing from the client/);
    const column = parseSchema(
      schema.replace("model Partner {", "model Partner {\n  logo String?"),
    );
    expect(() => checkAgainstClient(column, client, db)).toThrow(/Partner cannot be dumped/);
    expect(() => checkAgainstClient(datamodel, client, {})).toThrow(/no user delegate/);
  });
});

describe("insert plans", () => {
  const cyclic = parseSchema(`
    model A {
      id   String  @id
      bId  String?
      b    B?      @relation("ab", fields: [bId], references: [id])
      bs   B[]     @relation("ba")
    }
    model B {
      id  String @id
      aId String
      a   A      @relation("ba", fields: [aId], references: [id])
      as  A[]    @relation("ab")
    }
    model Node {
      id       String @id
      parentId String
      parent   Node   @relation("tree", fields: [parentId], references: [id])
      children Node[] @relation("tree")
    }
  `);

  it("breaks a cycle at the optional key and sorts required self-references", () => {
    const plan = planInserts(cyclic);
    // Node waits for nothing but itself; A waits for B only through an optional key.
    expect(plan.order).toEqual(["Node", "A", "B"]);
    expect(plan.deferred.get("A")?.map((k) => k.fields)).toEqual([["bId"]]);
    expect(plan.selfSorted.get("Node")?.map((k) => k.fields)).toEqual([["parentId"]]);
  });

  it("accepts another order only where optional keys can wait", () => {
    expect(() => planInserts(cyclic, ["B", "A", "Node"])).toThrow(DatamodelError);
    expect(planInserts(cyclic, ["A", "B", "Node"]).order).toEqual(["A", "B", "Node"]);
  });

  it("refuses models that require each other", () => {
    const stuck = parseSchema(`
      model A {
        id  String @id
        bId String
        b   B      @relation("ab", fields: [bId], references: [id])
        bs  B[]    @relation("ba")
      }
      model B {
        id  String @id
        aId String
        a   A      @relation("ba", fields: [aId], references: [id])
        as  A[]    @relation("ab")
      }
    `);
    expect(() => planInserts(stuck)).toThrow(/A, B require each other/);
  });

  it("reads ids, maps and comments, and refuses what it cannot read", () => {
    const model = parseSchema(`
      // a comment with "quotes" and { braces
      model Pair {
        left  String @map("l") // trailing comment
        right String
        note  String @default("a // not a comment {}")
        @@id([left, right])
        @@map("pairs")
      }
    `).models[0]!;
    expect(model).toMatchObject({ name: "Pair", dbName: "pairs", primaryKey: ["left", "right"] });
    expect(model.fields.map((f) => [f.name, f.dbName])).toEqual([
      ["left", "l"],
      ["right", null],
      ["note", null],
    ]);
    expect(() => parseSchema("model X {\n  id Unknown @id\n}")).toThrow(/unknown type Unknown/);
    expect(() => parseSchema("model X {\n  name String\n}")).toThrow(/no primary key/);
    expect(() => parseSchema("model X {\n  id String @id\n")).toThrow(/not closed/);
  });
});
