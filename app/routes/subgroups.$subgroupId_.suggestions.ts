// Resource route: a leader switches whether the subgroup's members may accept and reject
// suggestions (POST membersMayAccept=true|false). Answers JSON; bad input gets a Dutch message.
import { data } from "react-router";
import { z } from "zod";
import { translator } from "~/i18n";
import { authorize } from "~/models/permissions.server";
import { getSubgroupPage } from "~/models/subgroup.server";
import {
  membersMayAcceptSuggestions,
  setMembersMayAcceptSuggestions,
} from "~/models/suggestion.server";
import { getLocale } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import type { Route } from "./+types/subgroups.$subgroupId_.suggestions";

const settingSchema = z.object({ membersMayAccept: z.enum(["true", "false"]) });

export async function action({ request, params, context }: Route.ActionArgs) {
  const subgroup = await getSubgroupPage(params.subgroupId);
  if (!subgroup?.outcome) throw data(null, { status: 404 });
  const outcomeId = subgroup.outcome.id;
  await authorize({ request, context }, "outcome.moderate", { kind: "outcome", id: outcomeId });
  const parsed = settingSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    const t = translator(getLocale(request, context));
    return data({ ok: false as const, error: t("suggestions.settingInvalid") }, { status: 400 });
  }
  const allowed = parsed.data.membersMayAccept === "true";
  await setMembersMayAcceptSuggestions(outcomeId, allowed, context.session?.user.id ?? "");
  return { ok: true as const, membersMayAccept: await membersMayAcceptSuggestions(outcomeId) };
}

export function loader() {
  throw data(null, { status: 405 });
}
