// Admin of a community's themes (order, places, deleting), their gespreksleiders, and the
// community's co-organisers.
import { useLoaderData } from "react-router";
import { z } from "zod";
import {
  ActionButton,
  AdminForm,
  ConfirmBox,
  Field,
  formKey,
  MoveButtons,
  StatusMessage,
  TextArea,
  useFormResult,
} from "~/components/admin-form";
import { PageTitle } from "~/components/form";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import {
  deleteThemeSchema,
  idSchema,
  moveSchema,
  personEmailField,
  themeSchema,
} from "~/lib/forms-admin";
import {
  addOrganiser,
  listOrganisers,
  type Refusal,
  removeOrganiser,
} from "~/models/community-admin.server";
import { authorize } from "~/models/permissions.server";
import { fillFreedPlaces } from "~/models/registration.server";
import {
  addFacilitator,
  createTheme,
  deleteTheme,
  listThemesAdmin,
  moveTheme,
  removeFacilitator,
  updateTheme,
} from "~/models/theme-admin.server";
import { failed, formValues, succeeded, unknownIntent } from "~/utils/admin-action.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage.themes";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const [themes, organisers] = await Promise.all([
    listThemesAdmin(communityId),
    listOrganisers(communityId),
  ]);
  return { themes, organisers, me: context.session!.user.id };
}

const emailSchema = z.object({ email: personEmailField });
const themeTarget = z.object({ id: z.string().min(1).max(64) });

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const actorId = context.session!.user.id;
  const formData = await readFormData(request);
  const fields = Object.fromEntries(formData);
  const intent = String(formData.get("intent") ?? "");
  const refused = (form: string, r: Refusal) =>
    failed(form, { [r.field]: r.error }, formValues(formData));

  switch (intent) {
    case "createTheme": {
      const parsed = parseForm(themeSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await createTheme(actorId, communityId, parsed.data);
      if (!result.ok) return refused(intent, result);
      return succeeded(intent, "admin.done.themeCreated", { name: parsed.data.name });
    }
    case "updateTheme": {
      const target = themeTarget.safeParse(fields);
      if (!target.success) return unknownIntent();
      const key = formKey(intent, target.data.id);
      const parsed = parseForm(themeSchema, formData);
      if (!parsed.ok) return failed(key, parsed.errors, parsed.values);
      const result = await updateTheme(actorId, communityId, target.data.id, parsed.data);
      if (!result.ok) return refused(key, result);
      // A raised capacity gives the waiting people their places at once.
      await fillFreedPlaces(communityId, { origin: mailOrigin(request) });
      return succeeded(key, "admin.done.themeSaved", { name: parsed.data.name });
    }
    case "deleteTheme": {
      const target = themeTarget.safeParse(fields);
      if (!target.success) return unknownIntent();
      const key = formKey(intent, target.data.id);
      const parsed = parseForm(deleteThemeSchema, formData);
      if (!parsed.ok) return failed(key, parsed.errors, parsed.values);
      const result = await deleteTheme(actorId, communityId, target.data.id);
      if (!result.ok) return refused(key, result);
      return succeeded("themes", "admin.done.themeDeleted");
    }
    case "moveTheme": {
      const move = moveSchema.safeParse(fields);
      if (!move.success) return unknownIntent();
      await moveTheme(actorId, communityId, move.data.id, move.data.direction);
      return succeeded("themes", "admin.done.moved");
    }
    case "addFacilitator": {
      const target = themeTarget.safeParse(fields);
      if (!target.success) return unknownIntent();
      const key = formKey(intent, target.data.id);
      const parsed = parseForm(emailSchema, formData);
      if (!parsed.ok) return failed(key, parsed.errors, parsed.values);
      const result = await addFacilitator(actorId, communityId, target.data.id, parsed.data.email);
      if (!result.ok) return refused(key, result);
      return succeeded(key, "admin.done.facilitatorAdded", { name: result.name });
    }
    case "removeFacilitator": {
      const target = idSchema.safeParse(fields);
      if (!target.success) return unknownIntent();
      const result = await removeFacilitator(actorId, communityId, target.data.id);
      if (!result.ok) return refused("themes", { ...result, field: "form" });
      return succeeded("themes", "admin.done.facilitatorRemoved");
    }
    case "addOrganiser": {
      const parsed = parseForm(emailSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await addOrganiser(actorId, communityId, parsed.data.email);
      if (!result.ok) return refused(intent, result);
      return succeeded(intent, "admin.done.organiserAdded", { name: result.name });
    }
    case "removeOrganiser": {
      const target = idSchema.safeParse(fields);
      if (!target.success) return unknownIntent();
      const result = await removeOrganiser(actorId, communityId, target.data.id);
      if (!result.ok) return refused("organisers", { ...result, field: "form" });
      return succeeded("organisers", "admin.done.organiserRemoved");
    }
    default:
      return unknownIntent();
  }
}

type ThemeRow = Awaited<ReturnType<typeof loader>>["themes"][number];

export default function ManageThemes() {
  const t = useT();
  const { themes, organisers, me } = useLoaderData<typeof loader>();
  const listResult = useFormResult("themes");
  const organiserResult = useFormResult("organisers");
  const add = useFormResult("createTheme");
  const addOrg = useFormResult("addOrganiser");
  return (
    <>
      <PageTitle>{t("admin.themes.title")}</PageTitle>
      <StatusMessage />
      <section aria-labelledby="themes-title" className="admin-section">
        <h2 id="themes-title">{t("admin.themes.title")}</h2>
        {listResult.failed ? (
          <p className="form-alert" role="alert">
            {t(listResult.errors.form ?? "admin.error.notFound")}
          </p>
        ) : null}
        {themes.length === 0 ? <p>{t("admin.themes.none")}</p> : null}
        <ol className="admin-list">
          {themes.map((theme, i) => (
            <ThemeItem
              key={theme.id}
              theme={theme}
              first={i === 0}
              last={i === themes.length - 1}
            />
          ))}
        </ol>
        <h3>{t("admin.themes.add")}</h3>
        <AdminForm intent="createTheme" resetOnSuccess label={t("admin.themes.add")}>
          <Field
            form="createTheme"
            name="name"
            label={t("admin.field.themeName")}
            required
            defaultValue={add.values?.name}
            error={add.errors.name}
          />
          <TextArea
            form="createTheme"
            name="description"
            label={t("admin.field.themeDescription")}
            rows={3}
            defaultValue={add.values?.description}
            error={add.errors.description}
          />
          <Field
            form="createTheme"
            name="capacity"
            inputMode="numeric"
            label={t("admin.field.themeCapacity")}
            hint={t("admin.hint.capacity")}
            defaultValue={add.values?.capacity}
            error={add.errors.capacity}
          />
          <button type="submit" className="button">
            {t("admin.themes.addSubmit")}
          </button>
        </AdminForm>
      </section>

      <section aria-labelledby="organisers-title" className="admin-section">
        <h2 id="organisers-title">{t("admin.organisers.title")}</h2>
        <p>{t("admin.organisers.intro")}</p>
        {organiserResult.failed ? (
          <p className="form-alert" role="alert">
            {t(organiserResult.errors.form ?? "admin.error.notFound")}
          </p>
        ) : null}
        <ul className="plain people-list">
          {organisers.map((o) => (
            <li key={o.id}>
              {o.name} <span className="meta">({o.email})</span>
              {o.id === me ? <span className="meta"> · {t("admin.organisers.you")}</span> : null}{" "}
              <ActionButton intent="removeOrganiser" id={o.id}>
                {t("admin.remove")}
                <span className="visually-hidden">
                  {" "}
                  {t("admin.organisers.asOrganiser", { name: o.name })}
                </span>
              </ActionButton>
            </li>
          ))}
        </ul>
        <AdminForm intent="addOrganiser" resetOnSuccess label={t("admin.organisers.add")}>
          <Field
            form="addOrganiser"
            name="email"
            type="email"
            label={t("admin.field.organiserEmail")}
            required
            hint={t("admin.hint.existingAccount")}
            defaultValue={addOrg.values?.email}
            error={addOrg.errors.email}
          />
          <button type="submit" className="button">
            {t("admin.organisers.addSubmit")}
          </button>
        </AdminForm>
      </section>
    </>
  );
}

function ThemeItem({ theme, first, last }: { theme: ThemeRow; first: boolean; last: boolean }) {
  const t = useT();
  const editKey = formKey("updateTheme", theme.id);
  const edit = useFormResult(editKey);
  const values = edit.values ?? {
    name: theme.name,
    description: theme.description,
    capacity: theme.capacity === null ? "" : String(theme.capacity),
  };
  const facKey = formKey("addFacilitator", theme.id);
  const fac = useFormResult(facKey);
  const delKey = formKey("deleteTheme", theme.id);
  const del = useFormResult(delKey);
  const headingId = `theme-${theme.id}-title`;
  return (
    <li className="admin-item">
      <h3 id={headingId}>{theme.name}</h3>
      <p className="meta">
        {t("admin.themes.counts", {
          registrations: theme.registrations,
          subgroups: theme.subgroups,
        })}
      </p>
      <MoveButtons intent="moveTheme" id={theme.id} name={theme.name} first={first} last={last} />
      <AdminForm
        intent="updateTheme"
        id={theme.id}
        label={t("admin.themes.edit", { name: theme.name })}
      >
        <Field
          form={editKey}
          name="name"
          label={t("admin.field.themeName")}
          required
          defaultValue={values.name}
          error={edit.errors.name}
        />
        <TextArea
          form={editKey}
          name="description"
          label={t("admin.field.themeDescription")}
          rows={3}
          defaultValue={values.description}
          error={edit.errors.description}
        />
        <Field
          form={editKey}
          name="capacity"
          inputMode="numeric"
          label={t("admin.field.themeCapacity")}
          hint={t("admin.hint.capacity")}
          defaultValue={values.capacity}
          error={edit.errors.capacity}
        />
        <button type="submit" className="button secondary">
          {t("admin.save")}
          <span className="visually-hidden"> {theme.name}</span>
        </button>
      </AdminForm>

      <h4>{t("admin.themes.facilitators")}</h4>
      {theme.facilitators.length === 0 ? <p>{t("admin.themes.noFacilitators")}</p> : null}
      <ul className="plain people-list">
        {theme.facilitators.map((f) => (
          <li key={f.grantId}>
            {f.name} <span className="meta">({f.email})</span>{" "}
            <ActionButton intent="removeFacilitator" id={f.grantId}>
              {t("admin.remove")}
              <span className="visually-hidden">
                {" "}
                {t("admin.themes.asFacilitator", { name: f.name, theme: theme.name })}
              </span>
            </ActionButton>
          </li>
        ))}
      </ul>
      <AdminForm
        intent="addFacilitator"
        id={theme.id}
        resetOnSuccess
        label={t("admin.themes.addFacilitator", { theme: theme.name })}
      >
        <Field
          form={facKey}
          name="email"
          type="email"
          label={t("admin.field.facilitatorEmail", { theme: theme.name })}
          required
          hint={t("admin.hint.existingAccount")}
          defaultValue={fac.values?.email}
          error={fac.errors.email}
        />
        <button type="submit" className="button secondary">
          {t("admin.themes.addFacilitatorSubmit")}
        </button>
      </AdminForm>

      <details className="danger-zone" open={del.failed ? true : undefined}>
        <summary>{t("admin.themes.delete", { name: theme.name })}</summary>
        <AdminForm
          intent="deleteTheme"
          id={theme.id}
          label={t("admin.themes.delete", { name: theme.name })}
        >
          <p>
            {theme.registrations > 0 || theme.subgroups > 0
              ? t("admin.themes.deleteBlocked")
              : t("admin.themes.deleteExplain")}
          </p>
          <ConfirmBox
            form={delKey}
            label={t("admin.themes.deleteConfirm", { name: theme.name })}
            error={del.errors.confirm}
          />
          <button type="submit" className="button danger">
            {t("admin.themes.deleteSubmit")}
          </button>
        </AdminForm>
      </details>
    </li>
  );
}
