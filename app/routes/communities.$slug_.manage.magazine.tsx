// The organiser's magazine editions: the list and a new edition.
import { Link, redirect, useLoaderData } from "react-router";
import { AdminForm, Field, formKey, TextArea, useFormResult } from "~/components/admin-form";
import { PageTitle } from "~/components/form";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { editionSchema } from "~/lib/forms-magazine";
import { editionPath } from "~/lib/magazine";
import { createEdition, listEditions } from "~/models/magazine.server";
import { authorize } from "~/models/permissions.server";
import { failed, unknownIntent } from "~/utils/admin-action.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.magazine";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "magazine.manage", {
    kind: "community",
    slug: params.slug,
  });
  return { editions: await listEditions(permission.communityId!), slug: params.slug };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "magazine.manage", {
    kind: "community",
    slug: params.slug,
  });
  const formData = await readFormData(request);
  if (formData.get("intent") !== "create") return unknownIntent();
  const parsed = parseForm(editionSchema, formData);
  if (!parsed.ok) return failed("create", parsed.errors, parsed.values);
  const created = await createEdition(
    context.session!.user.id,
    permission.communityId!,
    parsed.data,
  );
  if (!created.ok) return failed("create", { title: `magazine.problem.${created.problem}` }, {});
  return redirect(`/communities/${params.slug}/manage/magazine/${created.id}`);
}

export default function ManageMagazine() {
  const t = useT();
  const { editions, slug } = useLoaderData<typeof loader>();
  const key = formKey("create");
  const { errors, values } = useFormResult(key);
  return (
    <section aria-labelledby="magazine-title">
      <PageTitle>{t("magazine.manage.title")}</PageTitle>
      <h2 id="magazine-title">{t("magazine.manage.title")}</h2>
      <p>{t("magazine.manage.intro")}</p>
      {editions.length === 0 ? (
        <p>{t("magazine.manage.none")}</p>
      ) : (
        <ul data-testid="editions">
          {editions.map((e) => (
            <li key={e.id}>
              <Link to={e.id}>{e.title}</Link>{" "}
              <span className="meta">
                ·{" "}
                {e.status === "published"
                  ? t("magazine.status.published")
                  : t("magazine.status.draft")}
              </span>
              {e.status === "published" ? (
                <>
                  {" · "}
                  <Link to={editionPath(slug, e.slug)}>{t("magazine.manage.viewPublic")}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("magazine.manage.new")}</h3>
      <AdminForm intent="create" label={t("magazine.manage.new")}>
        <Field
          form={key}
          name="title"
          label={t("magazine.field.title")}
          required
          error={errors.title}
          defaultValue={values?.title}
        />
        <Field
          form={key}
          name="subtitle"
          label={t("magazine.field.subtitle")}
          error={errors.subtitle}
          defaultValue={values?.subtitle}
        />
        <Field
          form={key}
          name="publicationDate"
          type="date"
          label={t("magazine.field.publicationDate")}
          error={errors.publicationDate}
          defaultValue={values?.publicationDate}
        />
        <TextArea
          form={key}
          name="colophon"
          label={t("magazine.field.colophon")}
          hint={t("magazine.field.colophonHint")}
          error={errors.colophon}
          defaultValue={values?.colophon}
        />
        <button type="submit" className="button">
          {t("magazine.manage.create")}
        </button>
      </AdminForm>
    </section>
  );
}
