// The organiser's subgroup forms (route: communities.$slug_.manage.subgroups.tsx): the size of a
// proposal, the proposal to adjust and confirm, and a formed theme with "Verplaatsen naar…",
// "Plaatsen in…" and an extra subgroup. Every control is a native one (keyboard and screen
// readers work without extra code); everything works without JavaScript, which only adds the
// live summary and the subgroup names in the lists while typing.
import { useId, useState } from "react";
import { Form, Link } from "react-router";
import { FormAlert } from "~/components/form";
import { type MessageKey, useLocale, useT } from "~/i18n";
import { formatLongDate } from "~/lib/dates";
import { MAX_SUBGROUP_SIZE, MIN_SUBGROUP_SIZE, organisationKey } from "~/lib/subgroup-proposal";
import type { FormationError } from "~/models/subgroup-formation.server";
import type { FormationActionResult } from "~/routes/communities.$slug_.manage.subgroups";

export type Person = {
  userId: string;
  name: string;
  function: string | null;
  organisation: string | null;
};

type Subgroup = { id: string; name: string; members: Person[] };

function useFunctionLabel() {
  const t = useT();
  return (fn: string | null) =>
    fn ? t(`subgroup.function.${fn}` as MessageKey) : t("subgroups.unknown");
}

/** GET form: a new proposal with another subgroup size (the typed value stays in the URL). */
export function SizeForm(props: {
  themeId: string;
  size: number;
  raw: string | null;
  invalid: boolean;
}) {
  const t = useT();
  const id = `size-${props.themeId}`;
  return (
    <Form method="get" className="size-form" preventScrollReset>
      <input type="hidden" name="theme" value={props.themeId} />
      <div className={`field${props.invalid ? " field-invalid" : ""}`}>
        <label htmlFor={id}>{t("subgroups.sizeLabel")}</label>
        <p id={`${id}-hint`} className="field-hint">
          {t("subgroups.sizeHint")}
        </p>
        {props.invalid ? (
          <p id={`${id}-error`} className="field-error">
            {t("subgroups.sizeInvalid")}
          </p>
        ) : null}
        <input
          id={id}
          name="size"
          type="number"
          inputMode="numeric"
          min={MIN_SUBGROUP_SIZE}
          max={MAX_SUBGROUP_SIZE}
          defaultValue={props.raw ?? String(props.size)}
          aria-invalid={props.invalid ? true : undefined}
          aria-describedby={`${id}-hint${props.invalid ? ` ${id}-error` : ""}`}
          required
        />
      </div>
      <button type="submit" className="button secondary">
        {t("subgroups.propose")}
      </button>
    </Form>
  );
}

type ConfirmFailure = Extract<FormationActionResult, { intent: "confirm"; ok: false }>;

const INDEXED_ERRORS = new Set<FormationError["kind"]>([
  "nameRequired",
  "nameTooLong",
  "nameDuplicate",
  "emptySubgroup",
]);

/** The proposal to adjust: a name per subgroup and a subgroup per person; then confirm. */
export function ProposalForm(props: {
  theme: { id: string; name: string; unplaced: Person[] };
  proposal: { groupCount: number; assignment: Record<string, number> };
  result: ConfirmFailure | null;
}) {
  const t = useT();
  const functionLabel = useFunctionLabel();
  const { theme, proposal, result } = props;
  const formId = useId();
  // After a failed confirm, start from what was submitted (nothing typed is lost); people who
  // were not in it (registered meanwhile) keep the proposal's place. The component is keyed by
  // the proposal, so this is its initial state only.
  const [initial] = useState(() => {
    const count = result ? result.values.names.length : proposal.groupCount;
    const names = result
      ? result.values.names
      : Array.from({ length: count }, (_, i) => t("subgroups.defaultName", { number: i + 1 }));
    const assignment: Record<string, number> = {};
    for (const p of theme.unplaced) {
      const chosen = result?.values.assignment[p.userId] ?? proposal.assignment[p.userId] ?? 0;
      assignment[p.userId] = Math.min(Math.max(0, chosen), Math.max(0, count - 1));
    }
    return { names, assignment };
  });
  const [names, setNames] = useState(initial.names);
  const [assignment, setAssignment] = useState(initial.assignment);
  const label = (i: number) => names[i]?.trim() || t("subgroups.defaultName", { number: i + 1 });

  const error = result?.error ?? null;
  const errorIndex = error && "index" in error ? error.index : null;
  const groups = names.map((_, i) => theme.unplaced.filter((p) => assignment[p.userId] === i));

  return (
    <section aria-labelledby={`${formId}-title`} className="proposal">
      <h4 id={`${formId}-title`}>{t("subgroups.proposalTitle", { theme: theme.name })}</h4>
      <p>{t("subgroups.proposalIntro")}</p>
      {error ? (
        <FormAlert
          id={`${formId}-alert`}
          trigger={result}
          message={
            INDEXED_ERRORS.has(error.kind)
              ? t("subgroups.error.form")
              : t(`subgroups.error.${error.kind}`)
          }
        />
      ) : null}
      <Form method="post" className="proposal-form" noValidate>
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="themeId" value={theme.id} />
        <input type="hidden" name="groupCount" value={names.length} />

        <fieldset>
          <legend>{t("subgroups.names")}</legend>
          {names.map((name, i) => {
            const id = `${formId}-name-${i}`;
            const fieldError = errorIndex === i ? error : null;
            return (
              <div key={i} className={`field${fieldError ? " field-invalid" : ""}`}>
                <label htmlFor={id}>{t("subgroups.nameLabel", { number: i + 1 })}</label>
                {fieldError ? (
                  <p id={`${id}-error`} className="field-error">
                    {t(`subgroups.error.${fieldError.kind}`)}
                  </p>
                ) : null}
                <input
                  id={id}
                  name={`name-${i}`}
                  type="text"
                  value={name}
                  maxLength={200}
                  required
                  aria-invalid={fieldError ? true : undefined}
                  aria-describedby={fieldError ? `${id}-error` : undefined}
                  onChange={(event) => {
                    const value = event.target.value;
                    setNames((all) => all.map((n, j) => (j === i ? value : n)));
                  }}
                />
              </div>
            );
          })}
        </fieldset>

        <table className="data-table">
          <caption>{t("subgroups.assignment")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("subgroups.person")}</th>
              <th scope="col">{t("subgroups.function")}</th>
              <th scope="col">{t("subgroups.organisation")}</th>
              <th scope="col">{t("subgroups.subgroup")}</th>
            </tr>
          </thead>
          <tbody>
            {theme.unplaced.map((p) => {
              const id = `${formId}-assign-${p.userId}`;
              return (
                <tr key={p.userId}>
                  <th scope="row">{p.name}</th>
                  <td>{functionLabel(p.function)}</td>
                  <td>{p.organisation ?? t("subgroups.unknown")}</td>
                  <td>
                    <label htmlFor={id} className="visually-hidden">
                      {t("subgroups.assignLabel", { name: p.name })}
                    </label>
                    <select
                      id={id}
                      name={`assign-${p.userId}`}
                      value={assignment[p.userId]}
                      onChange={(event) => {
                        const value = Number(event.target.value);
                        setAssignment((all) => ({ ...all, [p.userId]: value }));
                      }}
                    >
                      {names.map((_, i) => (
                        <option key={i} value={i}>
                          {label(i)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <h5>{t("subgroups.summary")}</h5>
        <ul className="plain proposal-summary" data-testid={`summary-${theme.id}`}>
          {groups.map((members, i) => {
            const organisations = new Map<string, { name: string; count: number }>();
            for (const m of members) {
              if (!m.organisation) continue;
              const key = organisationKey(m.organisation);
              const entry = organisations.get(key) ?? { name: m.organisation, count: 0 };
              entry.count++;
              organisations.set(key, entry);
            }
            return (
              <li key={i}>
                <strong>
                  {members.length === 0
                    ? t("subgroups.summaryEmpty", { name: label(i) })
                    : members.length === 1
                      ? t("subgroups.summaryCountOne", { name: label(i) })
                      : t("subgroups.summaryCount", { name: label(i), count: members.length })}
                </strong>
                {members.length > 0 ? (
                  <span>
                    {": "}
                    {members.map((m) => `${m.name} (${functionLabel(m.function)})`).join(", ")}
                  </span>
                ) : null}
                {[...organisations.values()]
                  .filter((o) => o.count > 1)
                  .map((o) => (
                    <span key={o.name} className="meta">
                      {" "}
                      {t("subgroups.sameOrganisation", { organisation: o.name })}
                    </span>
                  ))}
              </li>
            );
          })}
        </ul>

        <p className="field-hint">{t("subgroups.confirmHint")}</p>
        <button type="submit" className="button">
          {t("subgroups.confirm")}
        </button>
      </Form>
    </section>
  );
}

type PlacementFailure = Extract<FormationActionResult, { intent: "move" | "place"; ok: false }>;
type AddFailure = Extract<FormationActionResult, { intent: "addSubgroup"; ok: false }>;

/** One person's "Verplaatsen naar…" or "Plaatsen in…" form. */
function PlacementForm(props: {
  intent: "move" | "place";
  person: Person;
  options: { id: string; name: string }[];
  failure: PlacementFailure | null;
}) {
  const t = useT();
  const { intent, person, failure } = props;
  const id = `${intent}-${person.userId}`;
  const move = intent === "move";
  return (
    <Form method="post" className="placement-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={person.userId} />
      <label htmlFor={id}>{t(move ? "subgroups.moveLabel" : "subgroups.placeLabel")}</label>
      <select
        id={id}
        name="toSubgroupId"
        defaultValue=""
        aria-label={t(move ? "subgroups.moveLabelFor" : "subgroups.placeLabelFor", {
          name: person.name,
        })}
        aria-invalid={failure ? true : undefined}
        aria-describedby={failure ? `${id}-error` : undefined}
      >
        <option value="">{t("subgroups.chooseSubgroup")}</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button secondary"
        aria-label={t(move ? "subgroups.moveFor" : "subgroups.placeFor", { name: person.name })}
      >
        {t(move ? "subgroups.move" : "subgroups.place")}
      </button>
      {failure ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(`subgroups.error.${failure.error}`)}
        </p>
      ) : null}
    </Form>
  );
}

function PersonLine({ person }: { person: Person }) {
  const functionLabel = useFunctionLabel();
  return (
    <>
      <strong>{person.name}</strong>{" "}
      <span className="meta">
        {[functionLabel(person.function), person.organisation].filter(Boolean).join(", ")}
      </span>
    </>
  );
}

/** A formed theme: its subgroups and members (move), people not yet placed, an extra subgroup. */
export function FormedTheme(props: {
  theme: {
    id: string;
    name: string;
    formedAt: Date | string;
    subgroups: Subgroup[];
    unplaced: Person[];
  };
  result: FormationActionResult | null;
}) {
  const t = useT();
  const locale = useLocale();
  const { theme, result } = props;
  const placementFailure = (intent: "move" | "place", userId: string) =>
    result && result.intent === intent && !result.ok && result.userId === userId ? result : null;
  const addFailure: AddFailure | null =
    result?.intent === "addSubgroup" && !result.ok && result.themeId === theme.id ? result : null;
  const addId = `add-name-${theme.id}`;
  return (
    <>
      <p>{t("subgroups.formedOn", { date: formatLongDate(new Date(theme.formedAt), locale) })}</p>
      <ul className="card-list subgroup-cards">
        {theme.subgroups.map((s) => (
          <li key={s.id} className="card">
            <h4>
              <Link to={`/subgroups/${s.id}`}>{s.name}</Link>
            </h4>
            {s.members.length === 0 ? (
              <p className="meta">{t("subgroups.noMembers")}</p>
            ) : (
              <ul
                className="plain member-list"
                aria-label={t("subgroups.members", { name: s.name })}
              >
                {s.members.map((m) => (
                  <li key={m.userId}>
                    <PersonLine person={m} />
                    {theme.subgroups.length > 1 ? (
                      <PlacementForm
                        intent="move"
                        person={m}
                        options={theme.subgroups.filter((o) => o.id !== s.id)}
                        failure={placementFailure("move", m.userId)}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>

      <h4>{t("subgroups.unplacedTitle")}</h4>
      {theme.unplaced.length === 0 ? (
        <p>{t("subgroups.noUnplaced")}</p>
      ) : (
        <>
          <p>{t("subgroups.unplacedIntro")}</p>
          <ul className="plain member-list">
            {theme.unplaced.map((p) => (
              <li key={p.userId}>
                <PersonLine person={p} />
                <PlacementForm
                  intent="place"
                  person={p}
                  options={theme.subgroups}
                  failure={placementFailure("place", p.userId)}
                />
              </li>
            ))}
          </ul>
        </>
      )}

      <Form method="post" className="add-subgroup">
        <h4>{t("subgroups.addTitle", { theme: theme.name })}</h4>
        <input type="hidden" name="intent" value="addSubgroup" />
        <input type="hidden" name="themeId" value={theme.id} />
        <input type="hidden" name="themeName" value={theme.name} />
        <div className={`field${addFailure ? " field-invalid" : ""}`}>
          <label htmlFor={addId}>{t("subgroups.addNameLabel")}</label>
          <p id={`${addId}-hint`} className="field-hint">
            {t("subgroups.addNameHint")}
          </p>
          {addFailure ? (
            <p id={`${addId}-error`} className="field-error" role="alert">
              {t(`subgroups.error.${addFailure.error}`)}
            </p>
          ) : null}
          <input
            id={addId}
            name="name"
            type="text"
            maxLength={200}
            defaultValue={addFailure?.name ?? ""}
            aria-invalid={addFailure ? true : undefined}
            aria-describedby={`${addId}-hint${addFailure ? ` ${addId}-error` : ""}`}
          />
        </div>
        <button type="submit" className="button secondary">
          {t("subgroups.add")}
        </button>
      </Form>
    </>
  );
}
