// /subgroups/:id/published/export/:format: the published version as pdf, md, html or docx
// (outcome.readPublished).
import { exportLoader } from "~/utils/export-route.server";
import type { Route } from "./+types/subgroups.$subgroupId_.published_.export.$format";

export function loader(args: Route.LoaderArgs) {
  return exportLoader(args, "published");
}
