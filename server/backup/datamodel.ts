// The data model as backup and restore need it: every model with its scalar fields, primary key
// and foreign keys, in an order that inserts parents before children.
//
// Prisma 6.19's `prisma-client` generator ships only a reduced runtime data model (no list
// markers, no relation `fields`), and the full DMMF is not exported. So the DMMF-shaped model
// below is read from the one source schema (prisma/schema.prisma, the file the client is
// generated from) and then checked against the generated client: the same models
// (`Prisma.ModelName`) with the same scalar fields (`Prisma.<Model>ScalarFieldEnum`). A model
// added to the schema is included automatically; a schema the client does not match (not
// regenerated) or cannot be read stops the backup with a message naming the model.
import fs from "node:fs";
import path from "node:path";

export const SCALAR_TYPES = [
  "String",
  "Boolean",
  "Int",
  "BigInt",
  "Float",
  "Decimal",
  "DateTime",
  "Json",
  "Bytes",
] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export type Field = {
  name: string;
  /** A scalar type, an enum name or a model name. */
  type: string;
  kind: "scalar" | "enum" | "object";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isAutoincrement: boolean;
  /** Column name when mapped (@map). */
  dbName: string | null;
  /** On the side of a relation that holds the foreign key: its fields and the referenced ones. */
  relation: { name: string | null; fields: string[]; references: string[] } | null;
};

export type Model = {
  name: string;
  /** Table name when mapped (@@map). */
  dbName: string | null;
  fields: Field[];
  primaryKey: string[];
};

export type Datamodel = { models: Model[]; enums: string[] };

export class DatamodelError extends Error {
  override name = "DatamodelError";
}

/** The schema text without comments (`//` outside string literals). */
function stripComments(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === "\\" && inString) i++;
        else if (c === '"') inString = !inString;
        else if (!inString && c === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

/** The text between the parenthesis at `open` and its partner. */
function balanced(text: string, open: number): string {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && inString) i++;
    else if (c === '"') inString = !inString;
    else if (!inString && c === "(") depth++;
    else if (!inString && c === ")" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new DatamodelError(`unbalanced parentheses in "${text}"`);
}

/** The argument list of attribute `@name(...)` in `text`, or null when absent. */
function attribute(text: string, name: string): string | null {
  const match = new RegExp(`(^|\\s)${name.replace(/[@.]/g, "\\$&")}(\\(|\\s|$)`).exec(text);
  if (!match) return null;
  const start = match.index + match[1]!.length + name.length;
  return text[start] === "(" ? balanced(text, start) : "";
}

const names = (list: string) =>
  list
    .split(",")
    .map((s) => s.trim().replace(/\(.*\)$/, ""))
    .filter(Boolean);

function listArgument(args: string, key: string): string[] {
  const match = new RegExp(`${key}\\s*:\\s*\\[([^\\]]*)\\]`).exec(args);
  return match ? names(match[1]!) : [];
}

/** Parses the models and enums of a Prisma schema into a DMMF-shaped description. */
export function parseSchema(schema: string): Datamodel {
  const text = stripComments(schema);
  const blocks: { keyword: string; name: string; body: string[] }[] = [];
  let current: (typeof blocks)[number] | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!current) {
      const start = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
      if (start) current = { keyword: start[1]!, name: start[2]!, body: [] };
      else if (line) throw new DatamodelError(`unexpected line outside a block: "${line}"`);
    } else if (line === "}") {
      blocks.push(current);
      current = null;
    } else if (line) current.body.push(line);
  }
  if (current) throw new DatamodelError(`block ${current.name} is not closed`);

  const enums = blocks.filter((b) => b.keyword === "enum").map((b) => b.name);
  const modelNames = new Set(blocks.filter((b) => b.keyword === "model").map((b) => b.name));
  const unsupported = blocks.find((b) => b.keyword === "view" || b.keyword === "type");
  if (unsupported)
    throw new DatamodelError(`${unsupported.keyword} ${unsupported.name} is not supported`);

  const models = blocks
    .filter((b) => b.keyword === "model")
    .map((block): Model => {
      const fields: Field[] = [];
      let primaryKey: string[] = [];
      let dbName: string | null = null;
      for (const line of block.body) {
        if (line.startsWith("@@")) {
          const id = attribute(line, "@@id");
          if (id !== null)
            primaryKey = id.includes(":")
              ? listArgument(id, "fields")
              : names(id.replace(/^\[|\]$/g, ""));
          const map = attribute(line, "@@map");
          if (map !== null) dbName = /"([^"]+)"/.exec(map)?.[1] ?? null;
          continue;
        }
        const match = /^(\w+)\s+(\w+)(\[\]|\?)?(\s.*)?$/.exec(line);
        if (!match)
          throw new DatamodelError(`model ${block.name}: cannot read the field line "${line}"`);
        const [, name, type, modifier, rest = ""] = match as unknown as [
          string,
          string,
          string,
          string | undefined,
          string | undefined,
        ];
        const kind = (SCALAR_TYPES as readonly string[]).includes(type)
          ? "scalar"
          : enums.includes(type)
            ? "enum"
            : modelNames.has(type)
              ? "object"
              : null;
        if (!kind)
          throw new DatamodelError(`model ${block.name}: field ${name} has unknown type ${type}`);
        const relationArgs = attribute(rest, "@relation");
        const fkFields = relationArgs ? listArgument(relationArgs, "fields") : [];
        const map = attribute(rest, "@map");
        fields.push({
          name,
          type,
          kind,
          isList: modifier === "[]",
          isRequired: modifier === undefined,
          isId: attribute(rest, "@id") !== null,
          isAutoincrement: /@default\(\s*autoincrement\(\s*\)\s*\)/.test(rest),
          dbName: map ? (/"([^"]+)"/.exec(map)?.[1] ?? null) : null,
          relation:
            kind === "object" && fkFields.length > 0
              ? {
                  name:
                    /^\s*"([^"]+)"/.exec(relationArgs!)?.[1] ??
                    /name\s*:\s*"([^"]+)"/.exec(relationArgs!)?.[1] ??
                    null,
                  fields: fkFields,
                  references: listArgument(relationArgs!, "references"),
                }
              : null,
        });
      }
      if (primaryKey.length === 0) primaryKey = fields.filter((f) => f.isId).map((f) => f.name);
      if (primaryKey.length === 0)
        throw new DatamodelError(`model ${block.name} has no primary key (@id or @@id)`);
      const model: Model = { name: block.name, dbName, fields, primaryKey };
      for (const f of fields)
        for (const fk of f.relation?.fields ?? [])
          if (!scalarFields(model).some((s) => s.name === fk))
            throw new DatamodelError(`model ${block.name}: relation ${f.name} names unknown ${fk}`);
      return model;
    });
  return { models, enums };
}

/** The columns of a model: its scalar and enum fields, in schema order. */
export function scalarFields(model: Model): Field[] {
  return model.fields.filter((f) => f.kind !== "object");
}

export function modelByName(datamodel: Datamodel, name: string): Model {
  const model = datamodel.models.find((m) => m.name === name);
  if (!model) throw new DatamodelError(`unknown model ${name}`);
  return model;
}

/** The Prisma client property of a model (`OutcomeUpdate` → `outcomeUpdate`). */
export function delegateName(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/** What of the generated client's `Prisma` namespace the check needs. */
export type ClientNamespace = { ModelName: Record<string, string> } & Record<string, unknown>;

/**
 * Fails unless the generated client knows exactly these models with exactly these columns, and
 * the client object has a delegate for each: otherwise some rows could not be dumped or loaded.
 */
export function checkAgainstClient(
  datamodel: Datamodel,
  prisma: ClientNamespace,
  client: object,
): void {
  const inSchema = datamodel.models.map((m) => m.name).sort();
  const inClient = Object.values(prisma.ModelName).sort();
  const missing = inSchema.filter((m) => !inClient.includes(m));
  const extra = inClient.filter((m) => !inSchema.includes(m));
  if (missing.length > 0 || extra.length > 0)
    throw new DatamodelError(
      `the generated Prisma client does not match prisma/schema.prisma (${[
        ...missing.map((m) => `${m} missing from the client`),
        ...extra.map((m) => `${m} missing from the schema`),
      ].join(", ")}); run \`node scripts/generate-prisma.mjs\``,
    );
  for (const model of datamodel.models) {
    const columns = prisma[`${model.name}ScalarFieldEnum`] as Record<string, string> | undefined;
    const expected = scalarFields(model)
      .map((f) => f.name)
      .sort();
    const actual = Object.keys(columns ?? {}).sort();
    if (expected.join() !== actual.join())
      throw new DatamodelError(
        `model ${model.name} cannot be dumped: the client has the columns [${actual.join(", ")}], the schema [${expected.join(", ")}]`,
      );
    const delegate = (client as Record<string, unknown>)[delegateName(model.name)];
    if (typeof (delegate as { findMany?: unknown } | undefined)?.findMany !== "function")
      throw new DatamodelError(
        `model ${model.name} cannot be dumped: the Prisma client has no ${delegateName(model.name)} delegate`,
      );
  }
}

/** Reads and checks the data model of the app at `root`. */
export function loadDatamodel(root: string, prisma: ClientNamespace, client: object): Datamodel {
  const file = path.join(root, "prisma/schema.prisma");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new DatamodelError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const datamodel = parseSchema(text);
  checkAgainstClient(datamodel, prisma, client);
  return datamodel;
}

/** A foreign key: `model.fields` reference `target.references`. */
export type ForeignKey = {
  model: string;
  target: string;
  relation: string;
  fields: string[];
  references: string[];
  /** True when every row must have it (some foreign key field is required). */
  required: boolean;
};

export function foreignKeys(datamodel: Datamodel): ForeignKey[] {
  return datamodel.models.flatMap((model) =>
    model.fields
      .filter((f) => f.relation)
      .map((f) => ({
        model: model.name,
        target: f.type,
        relation: f.name,
        fields: f.relation!.fields,
        references: f.relation!.references,
        required: f.relation!.fields.some(
          (name) => model.fields.find((x) => x.name === name)?.isRequired,
        ),
      })),
  );
}

/**
 * How rows are inserted: models in `order`; per model the foreign key fields that are written
 * as null first and set once every row is in (`deferred`: optional self-references, and
 * optional keys to a model that comes later); and per model the required self-references by
 * which its rows are sorted parents-first (`selfSorted`).
 */
export type InsertPlan = {
  order: string[];
  deferred: Map<string, ForeignKey[]>;
  selfSorted: Map<string, ForeignKey[]>;
};

/**
 * Plans inserting in `order` (the order of an archive), or in a computed order: parents before
 * children, schema order between equals, a cycle broken at an optional key. Throws when a
 * required key would point at rows that are not there yet.
 */
export function planInserts(datamodel: Datamodel, order?: string[]): InsertPlan {
  const keys = foreignKeys(datamodel);
  const computed = order ?? topologicalOrder(datamodel, keys);
  const position = new Map(computed.map((m, i) => [m, i]));
  const deferred = new Map<string, ForeignKey[]>();
  const selfSorted = new Map<string, ForeignKey[]>();
  const add = (map: Map<string, ForeignKey[]>, key: ForeignKey) =>
    map.set(key.model, [...(map.get(key.model) ?? []), key]);
  for (const key of keys) {
    const from = position.get(key.model);
    const to = position.get(key.target);
    if (from === undefined || to === undefined) continue;
    if (key.model === key.target) add(key.required ? selfSorted : deferred, key);
    else if (to > from) {
      if (key.required)
        throw new DatamodelError(
          `${key.model} cannot be inserted before ${key.target} (required relation ${key.model}.${key.relation})`,
        );
      add(deferred, key);
    }
  }
  return { order: computed, deferred, selfSorted };
}

function topologicalOrder(datamodel: Datamodel, keys: ForeignKey[]): string[] {
  const remaining = datamodel.models.map((m) => m.name);
  const done = new Set<string>();
  const order: string[] = [];
  const blockers = (model: string, requiredOnly: boolean) =>
    keys.filter(
      (k) =>
        k.model === model &&
        k.target !== model &&
        !done.has(k.target) &&
        (!requiredOnly || k.required),
    );
  while (remaining.length > 0) {
    // The first model (schema order) with nothing left to wait for; failing that, the first
    // that waits only through optional keys (a cycle, broken there: those keys are deferred).
    let index = remaining.findIndex((m) => blockers(m, false).length === 0);
    if (index === -1) index = remaining.findIndex((m) => blockers(m, true).length === 0);
    if (index === -1)
      throw new DatamodelError(`the models ${remaining.join(", ")} require each other`);
    const [model] = remaining.splice(index, 1) as [string];
    done.add(model);
    order.push(model);
  }
  return order;
}
