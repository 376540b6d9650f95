// Composing one edition: details and cover, the editorial introduction (realtime, the same
// editor and sync server as outcomes), sections and the chosen articles in order, preview,
// publish. Every form works without JavaScript except the realtime editor itself.
import { Form, Link, useLoaderData, useRevalidator } from "react-router";
import {
  ActionButton,
  AdminForm,
  Field,
  formKey,
  MoveButtons,
  Select,
  StatusMessage,
  TextArea,
  useFormResult,
} from "~/components/admin-form";
import { EditionPdfLink } from "~/components/edition-pdf";
import { PageTitle } from "~/components/form";
import { colorFor } from "~/editor/colors";
import { OutcomeEditor } from "~/editor/OutcomeEditor";
import { type MessageKey, useT } from "~/i18n";
import { type FieldErrors, parseForm } from "~/lib/forms";
import {
  addArticleSchema,
  coverAltSchema,
  editionSchema,
  idSchema,
  moveSchema,
  moveToSchema,
  newSectionSchema,
  sectionSchema,
} from "~/lib/forms-magazine";
import { editionPath, editionRoom } from "~/lib/magazine";
import {
  addArticle,
  addSection,
  createSectionsPerTheme,
  getEditionForCompose,
  introductionHTML,
  MAX_COVER_BYTES,
  type MagazineProblem,
  moveArticle,
  moveArticleToSection,
  moveSection,
  publishEdition,
  refreshArticle,
  removeArticle,
  removeCover,
  removeSection,
  setCover,
  setCoverAlt,
  updateEdition,
  updateSection,
  withdrawEdition,
} from "~/models/magazine.server";
import { authorize } from "~/models/permissions.server";
import { failed, formValues, succeeded, unknownIntent } from "~/utils/admin-action.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.magazine_.$editionId";

async function guard(args: Route.LoaderArgs | Route.ActionArgs) {
  const permission = await authorize(args, "magazine.manage", {
    kind: "community",
    slug: args.params.slug,
  });
  return permission.communityId!;
}

export async function loader(args: Route.LoaderArgs) {
  const communityId = await guard(args);
  const view = await getEditionForCompose(communityId, args.params.editionId);
  if (!view) throw new Response(null, { status: 404 });
  const user = args.context.session!.user;
  return {
    ...view,
    slug: args.params.slug,
    introHTML: await introductionHTML(view.edition.id),
    me: { id: user.id, name: user.name, color: colorFor(user.id) },
  };
}

const problemKey = (p: MagazineProblem) => `magazine.problem.${p}` as MessageKey;

export async function action(args: Route.ActionArgs) {
  const communityId = await guard(args);
  const editionId = args.params.editionId;
  const view = await getEditionForCompose(communityId, editionId);
  if (!view) throw new Response(null, { status: 404 });
  const actorId = args.context.session!.user.id;
  const formData = await readFormData(args.request);
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const refuse = (form: string, field: string, problem: MagazineProblem) =>
    failed(form, { [field]: problemKey(problem) } as FieldErrors, values);
  // Sections and articles named in a form must belong to this edition.
  const sectionIds = new Set(view.sections.map((s) => s.id));
  const articleIds = new Set(view.sections.flatMap((s) => s.articles.map((a) => a.id)));
  const stale = () => failed(intent, { form: "magazine.problem.notFound" }, values);

  switch (intent) {
    case "details": {
      const parsed = parseForm(editionSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await updateEdition(actorId, editionId, parsed.data);
      if (!result.ok) return refuse(intent, "slug", result.problem);
      return succeeded(intent, "magazine.done.details");
    }
    case "cover": {
      const file = formData.get("image");
      const alt = String(formData.get("alt") ?? "");
      if (!(file instanceof File) || file.size === 0)
        return failed(intent, { image: "magazine.error.imageRequired" }, values);
      if (file.size > MAX_COVER_BYTES) return refuse(intent, "image", "coverTooLarge");
      if (alt.trim().length > 300) return failed(intent, { alt: "magazine.error.tooLong" }, values);
      const result = await setCover(
        actorId,
        editionId,
        new Uint8Array(await file.arrayBuffer()),
        alt,
      );
      if (!result.ok)
        return refuse(
          intent,
          result.problem === "coverAltRequired" ? "alt" : "image",
          result.problem,
        );
      return succeeded(intent, "magazine.done.cover");
    }
    case "coverAlt": {
      const parsed = parseForm(coverAltSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      await setCoverAlt(actorId, editionId, parsed.data.alt);
      return succeeded(intent, "magazine.done.cover");
    }
    case "removeCover":
      await removeCover(actorId, editionId);
      return succeeded(intent, "magazine.done.coverRemoved");
    case "sectionsPerTheme": {
      const count = await createSectionsPerTheme(actorId, editionId);
      return succeeded(intent, "magazine.done.sectionsPerTheme", { count });
    }
    case "addSection": {
      const parsed = parseForm(newSectionSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      await addSection(actorId, editionId, parsed.data.title);
      return succeeded(intent, "magazine.done.sectionAdded");
    }
    case "updateSection": {
      const parsed = parseForm(sectionSchema, formData);
      const form = formKey(intent, values.id);
      if (!parsed.ok) return failed(form, parsed.errors, parsed.values);
      if (!sectionIds.has(parsed.data.id)) return stale();
      await updateSection(actorId, parsed.data.id, parsed.data);
      return succeeded(form, "magazine.done.sectionSaved");
    }
    case "moveSection":
    case "moveArticle": {
      const parsed = parseForm(moveSchema, formData);
      if (!parsed.ok) return unknownIntent();
      const { id, direction } = parsed.data;
      if (intent === "moveSection") {
        if (!sectionIds.has(id)) return stale();
        await moveSection(actorId, id, direction);
      } else {
        if (!articleIds.has(id)) return stale();
        await moveArticle(actorId, id, direction);
      }
      return succeeded(formKey("move", id), "magazine.done.moved", { direction });
    }
    case "removeSection": {
      const parsed = parseForm(idSchema, formData);
      if (!parsed.ok || !sectionIds.has(parsed.data.id)) return stale();
      await removeSection(actorId, parsed.data.id);
      return succeeded(intent, "magazine.done.sectionRemoved");
    }
    case "addArticle": {
      const parsed = parseForm(addArticleSchema, formData);
      const form = formKey(intent, values.id);
      if (!parsed.ok) return failed(form, parsed.errors, parsed.values);
      if (!sectionIds.has(parsed.data.id)) return stale();
      const result = await addArticle(actorId, parsed.data.id, parsed.data.outcomeId);
      if (!result.ok) return refuse(form, "outcomeId", result.problem);
      return succeeded(form, "magazine.done.articleAdded");
    }
    case "moveArticleTo": {
      const parsed = parseForm(moveToSchema, formData);
      if (!parsed.ok || !articleIds.has(parsed.data.id) || !sectionIds.has(parsed.data.sectionId))
        return stale();
      await moveArticleToSection(actorId, parsed.data.id, parsed.data.sectionId);
      return succeeded(intent, "magazine.done.moved");
    }
    case "removeArticle":
    case "refreshArticle": {
      const parsed = parseForm(idSchema, formData);
      if (!parsed.ok || !articleIds.has(parsed.data.id)) return stale();
      if (intent === "removeArticle") await removeArticle(actorId, parsed.data.id);
      else await refreshArticle(actorId, parsed.data.id);
      return succeeded(
        intent,
        intent === "removeArticle"
          ? "magazine.done.articleRemoved"
          : "magazine.done.articleRefreshed",
      );
    }
    case "publish": {
      const result = await publishEdition(actorId, editionId);
      if (!result.ok)
        return failed(intent, { form: problemKey(result.problems[0] as MagazineProblem) }, values);
      return succeeded(
        intent,
        result.republished ? "magazine.done.republished" : "magazine.done.published",
      );
    }
    case "withdraw":
      await withdrawEdition(actorId, editionId);
      return succeeded(intent, "magazine.done.withdrawn");
    default:
      return unknownIntent();
  }
}

export default function ComposeEdition() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { edition, sections, available, problems, slug, me, introHTML } = data;
  const revalidator = useRevalidator();
  const details = useFormResult("details");
  const cover = useFormResult("cover");
  const coverAlt = useFormResult("coverAlt");
  const newSection = useFormResult("addSection");
  const publishResult = useFormResult("publish");
  const outcomeOptions = available.map((o) => ({
    value: o.outcomeId,
    label: `${o.title} (${o.themeName} · ${o.subgroupName})`,
  }));
  return (
    <div className="magazine-compose">
      <PageTitle>{`${edition.title} · ${t("magazine.manage.title")}`}</PageTitle>
      <p>
        <Link to={`/communities/${slug}/manage/magazine`}>{t("magazine.manage.back")}</Link>
      </p>
      <h2 id="edition-title">{edition.title}</h2>
      <p className="meta" data-testid="edition-status">
        {edition.status === "published"
          ? t("magazine.status.published")
          : t("magazine.status.draft")}
        {edition.unpublishedChanges ? ` · ${t("magazine.unpublishedChanges")}` : ""}
      </p>
      <StatusMessage />

      <section aria-labelledby="publish-title" className="admin-card">
        <h3 id="publish-title">{t("magazine.publish.title")}</h3>
        <p>
          <Link to={`/communities/${slug}/manage/magazine/${edition.id}/preview`}>
            {t("magazine.preview")}
          </Link>
          {edition.status === "published" ? (
            <>
              {" · "}
              <Link to={editionPath(slug, edition.slug)}>{t("magazine.manage.viewPublic")}</Link>
              <EditionPdfLink editionHref={editionPath(slug, edition.slug)} />
            </>
          ) : null}
        </p>
        {problems.length > 0 ? (
          <ul data-testid="publish-problems">
            {problems.map((p) => (
              <li key={p}>{t(problemKey(p))}</li>
            ))}
          </ul>
        ) : null}
        <AdminForm intent="publish" label={t("magazine.publish.title")}>
          {publishResult.failed ? null : null}
          <button type="submit" className="button">
            {edition.status === "published"
              ? t("magazine.republish")
              : t("magazine.publish.action")}
          </button>
        </AdminForm>
        {edition.status === "published" ? (
          <ActionButton intent="withdraw">{t("magazine.withdraw")}</ActionButton>
        ) : null}
      </section>

      <section aria-labelledby="details-title">
        <h3 id="details-title">{t("magazine.details")}</h3>
        <AdminForm intent="details" label={t("magazine.details")}>
          <Field
            form="details"
            name="title"
            label={t("magazine.field.title")}
            required
            error={details.errors.title}
            defaultValue={details.values?.title ?? edition.title}
          />
          <Field
            form="details"
            name="subtitle"
            label={t("magazine.field.subtitle")}
            error={details.errors.subtitle}
            defaultValue={details.values?.subtitle ?? edition.subtitle}
          />
          {edition.everPublished ? (
            <p className="meta">{t("magazine.field.slugFixed", { slug: edition.slug })}</p>
          ) : (
            <Field
              form="details"
              name="slug"
              label={t("magazine.field.slug")}
              hint={t("magazine.field.slugHint")}
              error={details.errors.slug}
              defaultValue={details.values?.slug ?? edition.slug}
            />
          )}
          <Field
            form="details"
            name="publicationDate"
            type="date"
            label={t("magazine.field.publicationDate")}
            error={details.errors.publicationDate}
            defaultValue={details.values?.publicationDate ?? edition.publicationDate}
          />
          <TextArea
            form="details"
            name="colophon"
            label={t("magazine.field.colophon")}
            hint={t("magazine.field.colophonHint")}
            error={details.errors.colophon}
            defaultValue={details.values?.colophon ?? edition.colophon}
          />
          <button type="submit" className="button">
            {t("magazine.save")}
          </button>
        </AdminForm>
      </section>

      <section aria-labelledby="cover-title">
        <h3 id="cover-title">{t("magazine.cover")}</h3>
        {edition.hasCover ? (
          <>
            <p className="meta">{t("magazine.coverPresent", { alt: edition.coverAlt ?? "" })}</p>
            <AdminForm intent="coverAlt" label={t("magazine.field.coverAlt")}>
              <Field
                form="coverAlt"
                name="alt"
                label={t("magazine.field.coverAlt")}
                required
                error={coverAlt.errors.alt}
                defaultValue={coverAlt.values?.alt ?? edition.coverAlt}
              />
              <button type="submit" className="button secondary">
                {t("magazine.save")}
              </button>
            </AdminForm>
            <ActionButton intent="removeCover">{t("magazine.removeCover")}</ActionButton>
          </>
        ) : null}
        <Form
          method="post"
          encType="multipart/form-data"
          aria-label={t("magazine.uploadCover")}
          noValidate
        >
          <input type="hidden" name="intent" value="cover" />
          {cover.failed ? (
            <div className="form-alert" role="alert">
              {t("admin.formErrorSummary")}
            </div>
          ) : null}
          <div className={`field${cover.errors.image ? " field-invalid" : ""}`}>
            <label htmlFor="cover-image">{t("magazine.field.coverImage")}</label>
            <p className="field-hint" id="cover-image-hint">
              {t("magazine.field.coverImageHint")}
            </p>
            {cover.errors.image ? (
              <p className="field-error" id="cover-image-error">
                {t(cover.errors.image)}
              </p>
            ) : null}
            <input
              id="cover-image"
              type="file"
              name="image"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby={
                cover.errors.image ? "cover-image-hint cover-image-error" : "cover-image-hint"
              }
              aria-invalid={cover.errors.image ? true : undefined}
            />
          </div>
          <Field
            form="cover"
            name="alt"
            label={t("magazine.field.coverAlt")}
            required
            error={cover.errors.alt}
            hint={t("magazine.field.coverAltHint")}
            defaultValue={cover.values?.alt}
          />
          <button type="submit" className="button secondary">
            {t("magazine.uploadCover")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="intro-editor-title">
        <h3 id="intro-editor-title">{t("magazine.introductionEditor")}</h3>
        <p className="meta">{t("magazine.introductionHint")}</p>
        <noscript>
          <p className="meta">{t("magazine.introductionNoScript")}</p>
        </noscript>
        <div className="editor" data-room={editionRoom(edition.id)}>
          <OutcomeEditor
            room={editionRoom(edition.id)}
            writable
            user={me}
            initialHTML={introHTML}
            label={t("magazine.introductionEditor")}
            onAccessChanged={() => revalidator.revalidate()}
          />
        </div>
      </section>

      <section aria-labelledby="sections-title">
        <h3 id="sections-title">{t("magazine.sections")}</h3>
        <ActionButton intent="sectionsPerTheme" className="button secondary">
          {t("magazine.sectionsPerTheme")}
        </ActionButton>
        {sections.length === 0 ? <p>{t("magazine.noSections")}</p> : null}
        <ol className="magazine-compose-sections" data-testid="sections">
          {sections.map((s, si) => (
            <li key={s.id} data-testid="section" data-section-title={s.title}>
              <h4>{s.title}</h4>
              <MoveButtons
                intent="moveSection"
                id={s.id}
                name={s.title}
                first={si === 0}
                last={si === sections.length - 1}
              />
              <SectionForm section={s} />
              <ActionButton intent="removeSection" id={s.id}>
                {t("magazine.removeSection")}
                <span className="visually-hidden"> {s.title}</span>
              </ActionButton>
              {s.articles.length === 0 ? <p className="meta">{t("magazine.noArticles")}</p> : null}
              <ol data-testid="articles">
                {s.articles.map((a, ai) => (
                  <li key={a.id} data-testid="article" data-article-title={a.title}>
                    <strong>{a.title}</strong>{" "}
                    <span className="meta">
                      {a.themeName} · {a.subgroupName} ·{" "}
                      {t("magazine.publicationNumber", { number: a.number })}
                    </span>
                    {a.outdated ? (
                      <p className="meta" data-testid="outdated">
                        {t("magazine.newerPublication", { number: a.latestNumber })}{" "}
                      </p>
                    ) : null}
                    <div className="inline-actions">
                      <MoveButtons
                        intent="moveArticle"
                        id={a.id}
                        name={a.title}
                        first={ai === 0}
                        last={ai === s.articles.length - 1}
                      />
                      {a.outdated ? (
                        <ActionButton intent="refreshArticle" id={a.id}>
                          {t("magazine.refresh")}
                          <span className="visually-hidden"> {a.title}</span>
                        </ActionButton>
                      ) : null}
                      {sections.length > 1 ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="moveArticleTo" />
                          <input type="hidden" name="id" value={a.id} />
                          <label htmlFor={`move-to-${a.id}`} className="visually-hidden">
                            {t("magazine.moveToSectionLabel", { title: a.title })}
                          </label>
                          <select id={`move-to-${a.id}`} name="sectionId" defaultValue={s.id}>
                            {sections.map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.title}
                              </option>
                            ))}
                          </select>{" "}
                          <button type="submit" className="button secondary small">
                            {t("magazine.moveToSection")}
                            <span className="visually-hidden"> {a.title}</span>
                          </button>
                        </Form>
                      ) : null}
                      <ActionButton intent="removeArticle" id={a.id}>
                        {t("magazine.removeArticle")}
                        <span className="visually-hidden"> {a.title}</span>
                      </ActionButton>
                    </div>
                  </li>
                ))}
              </ol>
              {outcomeOptions.length > 0 ? (
                <AddArticleForm sectionId={s.id} sectionTitle={s.title} options={outcomeOptions} />
              ) : null}
            </li>
          ))}
        </ol>
        {available.length === 0 ? <p className="meta">{t("magazine.nothingToChoose")}</p> : null}
        <AdminForm intent="addSection" label={t("magazine.addSection")} resetOnSuccess>
          <Field
            form="addSection"
            name="title"
            label={t("magazine.field.sectionTitle")}
            required
            error={newSection.errors.title}
            defaultValue={newSection.values?.title}
          />
          <button type="submit" className="button secondary">
            {t("magazine.addSection")}
          </button>
        </AdminForm>
      </section>
    </div>
  );
}

function SectionForm({
  section,
}: {
  section: { id: string; title: string; intro: string | null };
}) {
  const t = useT();
  const key = formKey("updateSection", section.id);
  const { errors, values } = useFormResult(key);
  return (
    <details>
      <summary>
        {t("magazine.editSection")}
        <span className="visually-hidden"> {section.title}</span>
      </summary>
      <AdminForm intent="updateSection" id={section.id} label={t("magazine.editSection")}>
        <Field
          form={key}
          name="title"
          label={t("magazine.field.sectionTitle")}
          required
          error={errors.title}
          defaultValue={values?.title ?? section.title}
        />
        <TextArea
          form={key}
          name="intro"
          label={t("magazine.field.sectionIntro")}
          error={errors.intro}
          defaultValue={values?.intro ?? section.intro}
          rows={2}
        />
        <button type="submit" className="button secondary small">
          {t("magazine.save")}
        </button>
      </AdminForm>
    </details>
  );
}

function AddArticleForm({
  sectionId,
  sectionTitle,
  options,
}: {
  sectionId: string;
  sectionTitle: string;
  options: { value: string; label: string }[];
}) {
  const t = useT();
  const key = formKey("addArticle", sectionId);
  const { errors } = useFormResult(key);
  return (
    <AdminForm
      intent="addArticle"
      id={sectionId}
      label={t("magazine.addArticleTo", { title: sectionTitle })}
    >
      <Select
        form={key}
        name="outcomeId"
        label={t("magazine.addArticleTo", { title: sectionTitle })}
        error={errors.outcomeId}
        options={options}
      />
      <button type="submit" className="button secondary small">
        {t("magazine.addArticle")}
        <span className="visually-hidden"> {sectionTitle}</span>
      </button>
    </AdminForm>
  );
}
