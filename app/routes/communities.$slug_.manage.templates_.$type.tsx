// Organisers edit one outcome template (Tiptap without collaboration, the shared schema); the
// server checks the JSON against the schema before storing it. "Terug naar standaard" removes
// the community's version. Without JavaScript the template is shown read-only.
import type { JSONContent } from "@tiptap/core";
import { useEffect, useState } from "react";
import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { FormAlert, PageTitle } from "~/components/form";
import { TemplateEditor } from "~/editor/TemplateEditor";
import { type MessageKey, useT } from "~/i18n";
import {
  getTemplate,
  isTemplateType,
  resetTemplate,
  saveTemplate,
} from "~/models/outcome-template.server";
import { authorize } from "~/models/permissions.server";
import { getCommunitySummary } from "~/models/subgroup-formation.server";
import subgroupStyles from "~/styles/subgroups.css?url";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.templates_.$type";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: subgroupStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  if (!isTemplateType(params.type)) throw data(null, { status: 404 });
  const communityId = permission.communityId!;
  const [community, template] = await Promise.all([
    getCommunitySummary(communityId),
    getTemplate(communityId, params.type),
  ]);
  return { community, template };
}

type ActionResult = { ok: true; status: MessageKey } | { ok: false; error: MessageKey };

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  if (!isTemplateType(params.type)) throw data(null, { status: 404 });
  const communityId = permission.communityId!;
  const actorId = context.session!.user.id;
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "reset") {
    const reset = await resetTemplate(communityId, params.type, actorId);
    return data<ActionResult>({
      ok: true,
      status: reset ? "templates.resetDone" : "templates.resetNothing",
    });
  }
  const content = form.get("content");
  const text = typeof content === "string" ? content : "";
  const saved = await saveTemplate(communityId, params.type, text, actorId);
  if (!saved.ok)
    return data<ActionResult>(
      // The typed text stays in the browser's editor; only the reason comes back.
      { ok: false, error: `templates.error.${saved.problem}` },
      { status: 400 },
    );
  return data<ActionResult>({ ok: true, status: "templates.saved" });
}

export default function EditTemplate() {
  const t = useT();
  const { community, template } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const label = t(`outcomeForm.type.${template.type}` as MessageKey);
  const [content, setContent] = useState<JSONContent>(template.json);
  // The editor and the save form need JavaScript; without it the template is shown read-only.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // "Terug naar standaard" replaces the text: show the editor afresh with the stored template.
  const editorKey = `${template.custom}|${String(template.updatedAt)}`;
  const [shownKey, setShownKey] = useState(editorKey);
  if (result?.ok && result.status !== "templates.saved" && shownKey !== editorKey) {
    setShownKey(editorKey);
    setContent(template.json);
  }
  const title = t("templates.editTitle", { type: label });
  const errorId = "template-error";
  return (
    <section aria-labelledby="template-title" className="admin-section">
      <PageTitle>{`${title} · ${community.name}`}</PageTitle>
      <h2 id="template-title">{title}</h2>
      <p className="meta">
        <Link to={`/communities/${community.slug}/manage/templates`}>{t("templates.back")}</Link>
      </p>
      <p>{t("templates.editIntro")}</p>
      <div role="status">{result?.ok ? <p className="notice">{t(result.status)}</p> : null}</div>
      {result && !result.ok ? (
        <FormAlert id={errorId} message={t(result.error)} trigger={result} />
      ) : null}
      <noscript>
        <p className="meta">{t("templates.noScript")}</p>
      </noscript>
      <div className="editor">
        {hydrated ? (
          <TemplateEditor
            key={shownKey}
            initial={content}
            initialHTML={template.html}
            onChange={setContent}
          />
        ) : (
          <div
            className="document-view prose"
            data-testid="template-static"
            // Rendered by the server from the stored template through the one schema (escaped).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server rendering
            dangerouslySetInnerHTML={{ __html: template.html }}
          />
        )}
      </div>
      {hydrated ? (
        <Form method="post" className="template-save">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="content" value={JSON.stringify(content)} />
          <button
            type="submit"
            className="button"
            aria-describedby={result && !result.ok ? errorId : undefined}
          >
            {t("templates.save")}
          </button>
        </Form>
      ) : null}
      {template.custom ? (
        <Form
          method="post"
          className="template-reset"
          onSubmit={(event) => {
            if (!window.confirm(t("templates.resetConfirm"))) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="reset" />
          <p className="field-hint" id="template-reset-hint">
            {t("templates.resetHint")}
          </p>
          <button type="submit" className="button secondary" aria-describedby="template-reset-hint">
            {t("templates.reset")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
