// Admin overview of a community: its texts, practical information, registration settings,
// publication and partners.
import { Link, useLoaderData, useSearchParams } from "react-router";
import {
  ActionButton,
  AdminForm,
  Field,
  formKey,
  MoveButtons,
  RadioGroup,
  Select,
  StatusMessage,
  TextArea,
  useFormResult,
} from "~/components/admin-form";
import { PageTitle } from "~/components/form";
import { type MessageKey, useT } from "~/i18n";
import { COMMUNITY_KINDS, REGISTRATION_OPENINGS } from "~/lib/domain";
import { parseForm } from "~/lib/forms";
import { communitySchema, idSchema, moveSchema, partnerSchema } from "~/lib/forms-admin";
import {
  addPartner,
  getCommunityAdmin,
  movePartner,
  type Refusal,
  removePartner,
  setPublished,
  updateCommunity,
  updatePartner,
} from "~/models/community-admin.server";
import { authorize } from "~/models/permissions.server";
import { fillFreedPlaces } from "~/models/registration.server";
import { failed, formValues, succeeded, unknownIntent } from "~/utils/admin-action.server";
import { mailOrigin, readFormData } from "~/utils/request.server";
import type { Route } from "./+types/communities.$slug_.manage._index";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const community = await getCommunityAdmin(permission.communityId!);
  return {
    community: {
      slug: community.slug,
      name: community.name,
      kind: community.kind,
      tagline: community.tagline,
      description: community.description,
      audience: community.audience,
      location: community.location,
      costs: community.costs,
      contactEmail: community.contactEmail ?? "",
      registrationStatus: community.registrationStatus,
      closedReason: community.closedReason ?? "",
      capacity: community.capacity === null ? "" : String(community.capacity),
      published: community.publishedAt !== null,
    },
    partners: community.partners.map((p) => ({ id: p.id, name: p.name, url: p.url ?? "" })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const permission = await authorize({ request, context }, "community.manage", {
    kind: "community",
    slug: params.slug,
  });
  const communityId = permission.communityId!;
  const actorId = context.session!.user.id;
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const refused = (form: string, r: Refusal) =>
    failed(form, { [r.field]: r.error }, formValues(formData));

  switch (intent) {
    case "community": {
      const parsed = parseForm(communitySchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      await updateCommunity(actorId, communityId, parsed.data);
      // More places, or registration reopened: the waitlist moves up at once.
      await fillFreedPlaces(communityId, { origin: mailOrigin(request) });
      return succeeded(intent, "admin.done.communitySaved");
    }
    case "publish":
    case "unpublish": {
      await setPublished(actorId, communityId, intent === "publish");
      return succeeded(
        intent,
        intent === "publish" ? "admin.done.published" : "admin.done.unpublished",
      );
    }
    case "addPartner": {
      const parsed = parseForm(partnerSchema, formData);
      if (!parsed.ok) return failed(intent, parsed.errors, parsed.values);
      const result = await addPartner(actorId, communityId, parsed.data);
      if (!result.ok) return refused(intent, result);
      return succeeded(intent, "admin.done.partnerAdded", { name: parsed.data.name });
    }
    case "updatePartner": {
      const target = idSchema.safeParse(Object.fromEntries(formData));
      if (!target.success) return unknownIntent();
      const key = formKey(intent, target.data.id);
      const parsed = parseForm(partnerSchema, formData);
      if (!parsed.ok) return failed(key, parsed.errors, parsed.values);
      const result = await updatePartner(actorId, communityId, target.data.id, parsed.data);
      if (!result.ok) return refused(key, result);
      return succeeded(key, "admin.done.partnerSaved", { name: parsed.data.name });
    }
    case "removePartner": {
      const target = idSchema.safeParse(Object.fromEntries(formData));
      if (!target.success) return unknownIntent();
      const result = await removePartner(actorId, communityId, target.data.id);
      if (!result.ok) return refused("partners", { ...result, field: "form" });
      return succeeded("partners", "admin.done.partnerRemoved");
    }
    case "movePartner": {
      const move = moveSchema.safeParse(Object.fromEntries(formData));
      if (!move.success) return unknownIntent();
      await movePartner(actorId, communityId, move.data.id, move.data.direction);
      return succeeded("partners", "admin.done.moved");
    }
    default:
      return unknownIntent();
  }
}

export default function ManageOverview() {
  const t = useT();
  const { community, partners } = useLoaderData<typeof loader>();
  const edit = useFormResult("community");
  const values = edit.values ?? community;
  const partnerErrors = useFormResult("partners");
  const [search] = useSearchParams();
  return (
    <>
      <PageTitle>{t("admin.overview.title", { community: community.name })}</PageTitle>
      <StatusMessage
        fallback={search.has("created") ? t("admin.done.communityCreated") : undefined}
      />

      <section aria-labelledby="publication-title" className="admin-section">
        <h2 id="publication-title">{t("admin.overview.publication")}</h2>
        <p>
          {community.published
            ? t("admin.overview.isPublished")
            : t("admin.overview.isUnpublished")}
        </p>
        <p>
          <Link to={`/communities/${community.slug}`}>{t("admin.viewPublicPage")}</Link>
        </p>
        <ActionButton intent={community.published ? "unpublish" : "publish"} className="button">
          {community.published ? t("admin.overview.unpublish") : t("admin.overview.publish")}
        </ActionButton>
      </section>

      <section aria-labelledby="details-title" className="admin-section">
        <h2 id="details-title">{t("admin.overview.details")}</h2>
        <AdminForm intent="community">
          <Field
            form="community"
            name="name"
            label={t("admin.field.communityName")}
            required
            defaultValue={values.name}
            error={edit.errors.name}
          />
          <Select
            form="community"
            name="kind"
            label={t("admin.field.kind")}
            defaultValue={values.kind}
            error={edit.errors.kind}
            options={COMMUNITY_KINDS.map((k) => ({
              value: k,
              label: t(`admin.kind.${k}` as MessageKey),
            }))}
          />
          <Field
            form="community"
            name="tagline"
            label={t("admin.field.tagline")}
            required
            hint={t("admin.hint.tagline")}
            defaultValue={values.tagline}
            error={edit.errors.tagline}
          />
          <TextArea
            form="community"
            name="description"
            label={t("admin.field.description")}
            hint={t("admin.hint.description")}
            rows={10}
            defaultValue={values.description}
            error={edit.errors.description}
          />
          <fieldset className="admin-fieldset">
            <legend>{t("admin.overview.practical")}</legend>
            <TextArea
              form="community"
              name="audience"
              label={t("admin.field.audience")}
              rows={3}
              defaultValue={values.audience}
              error={edit.errors.audience}
            />
            <Field
              form="community"
              name="location"
              label={t("admin.field.location")}
              defaultValue={values.location}
              error={edit.errors.location}
            />
            <Field
              form="community"
              name="costs"
              label={t("admin.field.costs")}
              defaultValue={values.costs}
              error={edit.errors.costs}
            />
            <Field
              form="community"
              name="contactEmail"
              type="email"
              label={t("admin.field.contactEmail")}
              hint={t("admin.hint.contactEmail")}
              defaultValue={values.contactEmail}
              error={edit.errors.contactEmail}
            />
          </fieldset>
          <fieldset className="admin-fieldset">
            <legend>{t("admin.overview.registration")}</legend>
            <RadioGroup
              form="community"
              name="registrationStatus"
              label={t("admin.field.registrationStatus")}
              defaultValue={values.registrationStatus}
              error={edit.errors.registrationStatus}
              options={REGISTRATION_OPENINGS.map((s) => ({
                value: s,
                label: t(`admin.registration.${s}` as MessageKey),
              }))}
            />
            <TextArea
              form="community"
              name="closedReason"
              label={t("admin.field.closedReason")}
              hint={t("admin.hint.closedReason")}
              rows={2}
              defaultValue={values.closedReason}
              error={edit.errors.closedReason}
            />
            <Field
              form="community"
              name="capacity"
              inputMode="numeric"
              label={t("admin.field.communityCapacity")}
              hint={t("admin.hint.capacity")}
              defaultValue={values.capacity}
              error={edit.errors.capacity}
            />
          </fieldset>
          <button type="submit" className="button">
            {t("admin.save")}
          </button>
        </AdminForm>
      </section>

      <section aria-labelledby="partners-title" className="admin-section">
        <h2 id="partners-title">{t("admin.overview.partners")}</h2>
        {partnerErrors.failed ? (
          <p className="form-alert" role="alert">
            {t(partnerErrors.errors.form ?? "admin.error.notFound")}
          </p>
        ) : null}
        {partners.length === 0 ? <p>{t("admin.overview.noPartners")}</p> : null}
        <ol className="admin-list">
          {partners.map((p, i) => (
            <PartnerItem key={p.id} partner={p} first={i === 0} last={i === partners.length - 1} />
          ))}
        </ol>
        <h3 id="add-partner-title">{t("admin.overview.addPartner")}</h3>
        <AddPartnerForm />
      </section>
    </>
  );
}

function PartnerItem({
  partner,
  first,
  last,
}: {
  partner: { id: string; name: string; url: string };
  first: boolean;
  last: boolean;
}) {
  const t = useT();
  const key = formKey("updatePartner", partner.id);
  const edit = useFormResult(key);
  const values = edit.values ?? partner;
  return (
    <li className="admin-item">
      <h3 className="small-heading">{partner.name}</h3>
      <AdminForm
        intent="updatePartner"
        id={partner.id}
        label={t("admin.overview.editPartner", { name: partner.name })}
        className="row-form"
      >
        <Field
          form={key}
          name="name"
          label={t("admin.field.partnerName")}
          required
          defaultValue={values.name}
          error={edit.errors.name}
        />
        <Field
          form={key}
          name="url"
          type="url"
          label={t("admin.field.partnerUrl")}
          hint={t("admin.hint.url")}
          defaultValue={values.url}
          error={edit.errors.url}
        />
        <button type="submit" className="button secondary small">
          {t("admin.save")}
          <span className="visually-hidden"> {partner.name}</span>
        </button>
      </AdminForm>
      <div className="item-actions">
        <MoveButtons
          intent="movePartner"
          id={partner.id}
          name={partner.name}
          first={first}
          last={last}
        />
        <ActionButton intent="removePartner" id={partner.id}>
          {t("admin.remove")}
          <span className="visually-hidden"> {partner.name}</span>
        </ActionButton>
      </div>
    </li>
  );
}

function AddPartnerForm() {
  const t = useT();
  const add = useFormResult("addPartner");
  return (
    <AdminForm intent="addPartner" resetOnSuccess label={t("admin.overview.addPartner")}>
      <Field
        form="addPartner"
        name="name"
        label={t("admin.field.partnerName")}
        required
        defaultValue={add.values?.name}
        error={add.errors.name}
      />
      <Field
        form="addPartner"
        name="url"
        type="url"
        label={t("admin.field.partnerUrl")}
        hint={t("admin.hint.url")}
        defaultValue={add.values?.url}
        error={add.errors.url}
      />
      <button type="submit" className="button">
        {t("admin.overview.addPartnerSubmit")}
      </button>
    </AdminForm>
  );
}
