// On the subgroup page, for members: "my name may be mentioned with our outcome in the
// magazine" (posted to /subgroups/<id>/credit). Loads the own setting itself, so the page
// route only places it.
import { useEffect, useId } from "react";
import { useFetcher } from "react-router";
import { useT } from "~/i18n";

type State = { member: boolean; consent: boolean; saved?: boolean; error?: boolean };

export function CreditConsent({ subgroupId }: { subgroupId: string }) {
  const t = useT();
  const fetcher = useFetcher<State>();
  const id = useId();
  const href = `/subgroups/${subgroupId}/credit`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per subgroup
  useEffect(() => {
    if (fetcher.state === "idle" && !fetcher.data) void fetcher.load(href);
  }, [href]);
  const state = fetcher.data;
  if (!state?.member) return null;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="credit-consent"
      data-testid="credit-consent"
    >
      <h2 id={`${id}-title`}>{t("magazine.credit.title")}</h2>
      <fetcher.Form method="post" action={href} key={String(state.consent)}>
        <div className="field checkbox">
          <input
            type="checkbox"
            id={`${id}-consent`}
            name="consent"
            defaultChecked={state.consent}
          />
          <label htmlFor={`${id}-consent`}>{t("magazine.credit.label")}</label>
        </div>
        <button type="submit" className="button secondary small">
          {t("magazine.credit.save")}
        </button>
        <p role="status" className="meta">
          {state.saved ? t(state.consent ? "magazine.credit.on" : "magazine.credit.off") : ""}
        </p>
      </fetcher.Form>
    </section>
  );
}
