// The version pages' common first step: the subgroup's outcome, with the permission checked
// (404 when there is none, sign-in redirect or 403 when not allowed).
import type { AppLoadContext } from "react-router";
import { findOutcomeOfSubgroup } from "~/models/outcome-version.server";
import { type Action, authorize } from "~/models/permissions.server";

export async function requireSubgroupOutcome(
  args: { request: Request; context: AppLoadContext; params: { subgroupId?: string } },
  action: Action,
) {
  const found = await findOutcomeOfSubgroup(args.params.subgroupId ?? "");
  if (!found) throw new Response(null, { status: 404 });
  await authorize(args, action, { kind: "outcome", id: found.outcomeId });
  return {
    ...found,
    subgroupId: args.params.subgroupId ?? "",
    userId: args.context.session?.user.id ?? null,
  };
}
