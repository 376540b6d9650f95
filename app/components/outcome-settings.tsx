// The outcome's title and type on the subgroup page: a form for whoever may configure it
// (facilitator, organiser), read-only for the members. Decided in meeting 1; the first type other
// than "leeg" seeds the document once from the community's template (on the server).
import { Form } from "react-router";
import { type MessageKey, useT } from "~/i18n";
import { OUTCOME_TYPES } from "~/lib/domain";

export type OutcomeSettingsValues = { title: string; type: string };
export type OutcomeSettingsErrors = Partial<Record<"title" | "type", MessageKey>>;

type Outcome = { title: string | null; type: string; templateApplied: Date | string | null };

export function OutcomeSettings(props: {
  outcome: Outcome;
  canConfigure: boolean;
  /** After a failed submit: what was sent, and the errors per field. */
  failure: { values: OutcomeSettingsValues; errors: OutcomeSettingsErrors } | null;
  /** After a successful submit: whether the template went into the document just now. */
  saved: { templateApplied: boolean } | null;
}) {
  const t = useT();
  const { outcome, failure, saved } = props;
  const typeLabel = (type: string) => t(`outcomeForm.type.${type}` as MessageKey);

  if (!props.canConfigure) {
    const chosen = outcome.type !== "leeg" || outcome.title;
    return (
      <div className="outcome-settings" data-testid="outcome-settings">
        <p className="meta">{t("outcomeForm.meeting1")}</p>
        <p>
          {chosen
            ? t("outcomeForm.readOnlyType", { type: typeLabel(outcome.type) })
            : t("outcomeForm.notChosen")}
        </p>
      </div>
    );
  }

  const values = failure?.values ?? { title: outcome.title ?? "", type: outcome.type };
  const errors = failure?.errors ?? {};
  const titleError = errors.title;
  const typeError = errors.type;
  return (
    <section
      aria-labelledby="outcome-form-title"
      className="outcome-settings"
      data-testid="outcome-settings"
    >
      <h3 id="outcome-form-title">{t("outcomeForm.title")}</h3>
      <p>{t("outcomeForm.meeting1")}</p>
      <div role="status">
        {saved ? (
          <p className="notice">
            {saved.templateApplied ? t("outcomeForm.savedWithTemplate") : t("outcomeForm.saved")}
          </p>
        ) : null}
      </div>
      <Form
        method="post"
        // A fresh form after each save, so its defaults are what is stored now.
        key={`${outcome.title ?? ""}|${outcome.type}|${String(outcome.templateApplied)}`}
      >
        <input type="hidden" name="intent" value="configureOutcome" />
        <div className={`field${titleError ? " field-invalid" : ""}`}>
          <label htmlFor="outcome-name">{t("outcomeForm.titleLabel")}</label>
          <p id="outcome-name-hint" className="field-hint">
            {t("outcomeForm.titleHint")}
          </p>
          {titleError ? (
            <p id="outcome-name-error" className="field-error">
              {t(titleError)}
            </p>
          ) : null}
          <input
            id="outcome-name"
            name="title"
            type="text"
            defaultValue={values.title}
            aria-invalid={titleError ? true : undefined}
            aria-describedby={`outcome-name-hint${titleError ? " outcome-name-error" : ""}`}
          />
        </div>
        <fieldset
          className={`field radio-group${typeError ? " field-invalid" : ""}`}
          aria-describedby={`outcome-type-hint${typeError ? " outcome-type-error" : ""}`}
        >
          <legend>{t("outcomeForm.typeLegend")}</legend>
          <p id="outcome-type-hint" className="field-hint">
            {outcome.templateApplied
              ? t("outcomeForm.templateAppliedHint")
              : t("outcomeForm.templateHint")}
          </p>
          {typeError ? (
            <p id="outcome-type-error" className="field-error">
              {t(typeError)}
            </p>
          ) : null}
          {OUTCOME_TYPES.map((type) => (
            <div key={type} className="radio">
              <input
                id={`outcome-type-${type}`}
                type="radio"
                name="type"
                value={type}
                defaultChecked={values.type === type}
              />
              <label htmlFor={`outcome-type-${type}`}>{typeLabel(type)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t("outcomeForm.save")}
        </button>
      </Form>
    </section>
  );
}
