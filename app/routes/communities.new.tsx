// Starting a new community: for anyone who already organises one. The creator becomes its
// organiser; it starts unpublished (and closed for registration) until they publish it.
import { redirect, useLoaderData } from "react-router";
import { AdminForm, Field, Select, useFormResult } from "~/components/admin-form";
import { PageTitle } from "~/components/form";
import { type MessageKey, useT } from "~/i18n";
import { COMMUNITY_KINDS } from "~/lib/domain";
import { parseForm } from "~/lib/forms";
import { newCommunitySchema } from "~/lib/forms-admin";
import { createCommunity } from "~/models/community-admin.server";
import { authorize } from "~/models/permissions.server";
import adminStyles from "~/styles/admin.css?url";
import { failed, formValues, unknownIntent } from "~/utils/admin-action.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.new";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await authorize({ request, context }, "community.create", { kind: "site" });
  return { kinds: COMMUNITY_KINDS };
}

export async function action({ request, context }: Route.ActionArgs) {
  await authorize({ request, context }, "community.create", { kind: "site" });
  const formData = await readFormData(request);
  if (formData.get("intent") !== "createCommunity") return unknownIntent();
  const parsed = parseForm(newCommunitySchema, formData);
  if (!parsed.ok) return failed("createCommunity", parsed.errors, parsed.values);
  const result = await createCommunity(context.session!.user.id, parsed.data);
  if (!result.ok)
    return failed("createCommunity", { [result.field]: result.error }, formValues(formData));
  return redirect(`/communities/${result.slug}/manage?created=1`);
}

export default function NewCommunity() {
  const t = useT();
  const { kinds } = useLoaderData<typeof loader>();
  const form = useFormResult("createCommunity");
  return (
    <section className="narrow admin" aria-labelledby="new-community-title">
      <PageTitle>{t("admin.new.title")}</PageTitle>
      <h1 id="new-community-title">{t("admin.new.title")}</h1>
      <p>{t("admin.new.intro")}</p>
      <AdminForm intent="createCommunity">
        <Field
          form="createCommunity"
          name="name"
          label={t("admin.field.communityName")}
          required
          hint={t("admin.hint.communityName")}
          defaultValue={form.values?.name}
          error={form.errors.name}
        />
        <Select
          form="createCommunity"
          name="kind"
          label={t("admin.field.kind")}
          defaultValue={form.values?.kind ?? "leergemeenschap"}
          error={form.errors.kind}
          options={kinds.map((k) => ({ value: k, label: t(`admin.kind.${k}` as MessageKey) }))}
        />
        <Field
          form="createCommunity"
          name="tagline"
          label={t("admin.field.tagline")}
          hint={t("admin.hint.tagline")}
          defaultValue={form.values?.tagline}
          error={form.errors.tagline}
        />
        <button type="submit" className="button">
          {t("admin.new.submit")}
        </button>
      </AdminForm>
    </section>
  );
}
