// /subgroups/:id/export/:format: the current text as pdf, md, html or docx (outcome.export).
import { exportLoader } from "~/utils/export-route.server";
import type { Route } from "./+types/subgroups.$subgroupId_.export.$format";

export function loader(args: Route.LoaderArgs) {
  return exportLoader(args, "current");
}
