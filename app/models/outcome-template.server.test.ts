import type { JSONContent } from "@tiptap/core";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToJSON, jsonToText, jsonToUpdate, parseDocumentJSON } from "~/editor/render.server";
import { OUTCOME_TEMPLATES } from "~/editor/templates";
import { seedDemo } from "~/models/seed.server";
import { db } from "~/utils/db.server";
import { onDocumentChange } from "~/utils/live-events.server";
import { configureOutcome, getOutcomeContent } from "./outcome.server";
import {
  getTemplateContent,
  getTemplates,
  resetTemplate,
  saveTemplate,
} from "./outcome-template.server";

let organiserId: string;

const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const heading = (text: string, level = 3): JSONContent => ({
  type: "heading",
  attrs: { level },
  content: [{ type: "text", text }],
});
const paragraph = (text: string, marks?: JSONContent["marks"]): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text, ...(marks ? { marks } : {}) }],
});

/** A community of its own per test, so templates never leak between tests. */
async function freshCommunity() {
  const tag = Math.random().toString(36).slice(2, 8);
  const community = await db.community.create({
    data: {
      slug: `sjablonen-${tag}`,
      name: `Sjablonen ${tag}`,
      tagline: "t",
      description: "d",
      audience: "a",
      location: "l",
      costs: "c",
      themes: { create: { slug: "thema", name: "Thema", description: "d", position: 1 } },
    },
    include: { themes: true },
  });
  return { communityId: community.id, themeId: community.themes[0]!.id };
}

async function freshOutcome(themeId: string) {
  const subgroup = await db.subgroup.create({
    data: {
      themeId,
      name: `Groep ${Math.random().toString(36).slice(2, 8)}`,
      position: 1,
      outcome: { create: {} },
    },
    include: { outcome: true },
  });
  return subgroup.outcome!.id;
}

beforeAll(async () => {
  await seedDemo(db);
  organiserId = (
    await db.user.findUniqueOrThrow({ where: { email: "organisator@werkplaats.test" } })
  ).id;
});

describe("checking a template against the editor schema", () => {
  it("refuses unknown nodes such as <script>, unknown marks and heading levels the page owns", () => {
    const script = doc({ type: "script", content: [{ type: "text", text: "alert(1)" }] });
    expect(parseDocumentJSON(JSON.stringify(script))).toEqual({
      ok: false,
      problem: "unknownContent",
    });
    const mark = doc(paragraph("x", [{ type: "onclick" }]));
    expect(parseDocumentJSON(JSON.stringify(mark))).toEqual({
      ok: false,
      problem: "unknownContent",
    });
    expect(parseDocumentJSON(JSON.stringify(doc(heading("Titel", 1))))).toEqual({
      ok: false,
      problem: "unknownContent",
    });
    expect(parseDocumentJSON(JSON.stringify({ type: "paragraph" }))).toEqual({
      ok: false,
      problem: "invalid",
    });
    expect(parseDocumentJSON("{not json")).toEqual({ ok: false, problem: "invalid" });
    expect(parseDocumentJSON("x".repeat(300_000))).toEqual({ ok: false, problem: "tooLarge" });
  });

  it("refuses javascript: and data: links", () => {
    for (const href of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x"]) {
      const json = doc(paragraph("klik", [{ type: "link", attrs: { href } }]));
      expect(parseDocumentJSON(JSON.stringify(json)), href).toEqual({
        ok: false,
        problem: "unsafeLink",
      });
    }
  });

  it("round-trips a valid document, keeping text in <script> as text and links' address only", () => {
    const json = doc(
      heading("Stappen"),
      paragraph("<script>alert(1)</script>"),
      paragraph("Zie", [
        { type: "link", attrs: { href: "https://example.nl", class: "evil", target: "_top" } },
      ]),
      ...(OUTCOME_TEMPLATES.stappenplan.content ?? []),
    );
    const parsed = parseDocumentJSON(JSON.stringify(json));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const link = parsed.json.content?.[2]?.content?.[0]?.marks?.[0];
    expect(link?.attrs).toMatchObject({ href: "https://example.nl", class: null, target: null });
    // Checking it again changes nothing; through a Yjs document and back it is the same.
    expect(parseDocumentJSON(JSON.stringify(parsed.json))).toEqual(parsed);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, jsonToUpdate(parsed.json));
    expect(docToJSON(ydoc)).toEqual(parsed.json);
    expect(jsonToText(parsed.json)).toContain("<script>alert(1)</script>");
  });
});

describe("organisers' templates", () => {
  it("are stored after the check, audited, listed as changed, and removed by 'Terug naar standaard'", async () => {
    const { communityId } = await freshCommunity();
    const custom = doc(heading("Onze checklist"), paragraph("Vink af wat klaar is."));
    expect(
      await saveTemplate(communityId, "checklist", JSON.stringify(custom), organiserId),
    ).toEqual({ ok: true });
    const bad = doc(paragraph("x", [{ type: "link", attrs: { href: "javascript:x" } }]));
    expect(await saveTemplate(communityId, "checklist", JSON.stringify(bad), organiserId)).toEqual({
      ok: false,
      problem: "unsafeLink",
    });

    const listed = await getTemplates(communityId);
    expect(listed.map((t) => [t.type, t.custom])).toEqual([
      ["handreiking", false],
      ["stappenplan", false],
      ["checklist", true],
      ["praktijkvoorbeeld", false],
    ]);
    expect(listed[2]!.html).toContain("<h3>Onze checklist</h3>");
    expect(listed[2]!.updatedBy).toBe("Marieke de Vries");
    expect(jsonToText(await getTemplateContent(communityId, "checklist"))).toBe(jsonToText(custom));

    expect(await resetTemplate(communityId, "checklist", organiserId)).toBe(true);
    expect(await resetTemplate(communityId, "checklist", organiserId)).toBe(false);
    expect(await getTemplateContent(communityId, "checklist")).toEqual(OUTCOME_TEMPLATES.checklist);
    const audit = await db.auditEvent.findMany({
      where: { communityId, targetType: "outcomeTemplate" },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["template.update", "template.reset"]);
  });

  it("seed a newly configured outcome once; a later type changes only the label", async () => {
    const { communityId, themeId } = await freshCommunity();
    const custom = doc(heading("Eigen checklist"), paragraph("Punt een"));
    await saveTemplate(communityId, "checklist", JSON.stringify(custom), organiserId);
    const outcomeId = await freshOutcome(themeId);

    // "leeg" first: no template, and a later real type still seeds.
    expect(await configureOutcome(outcomeId, { title: null, type: "leeg" }, organiserId)).toEqual({
      templateApplied: false,
    });
    const changes: string[] = [];
    const stop = onDocumentChange((id) => changes.push(id));
    expect(
      await configureOutcome(outcomeId, { title: "Onze lijst", type: "checklist" }, organiserId),
    ).toEqual({ templateApplied: true });
    expect(
      await configureOutcome(outcomeId, { title: "Onze lijst", type: "checklist" }, organiserId),
    ).toEqual({ templateApplied: false });
    expect(
      await configureOutcome(outcomeId, { title: "Ons plan", type: "stappenplan" }, organiserId),
    ).toEqual({ templateApplied: false });
    stop();
    expect(changes).toEqual([outcomeId]);

    const content = await getOutcomeContent(outcomeId);
    expect(content?.text).toBe(jsonToText(custom));
    const outcome = await db.outcome.findUniqueOrThrow({ where: { id: outcomeId } });
    expect(outcome).toMatchObject({ title: "Ons plan", type: "stappenplan" });
    expect(await db.outcomeUpdate.count({ where: { outcomeId } })).toBe(1);
    const audit = await db.auditEvent.findMany({
      where: { targetId: outcomeId, action: "outcome.configure" },
    });
    expect(audit).toHaveLength(4);
  });

  it("fall back to the built-in template when the community has none", async () => {
    const { themeId } = await freshCommunity();
    const outcomeId = await freshOutcome(themeId);
    await configureOutcome(outcomeId, { title: null, type: "praktijkvoorbeeld" }, organiserId);
    expect((await getOutcomeContent(outcomeId))?.text).toBe(
      jsonToText(OUTCOME_TEMPLATES.praktijkvoorbeeld),
    );
  });
});
