// Route table: file names in app/routes/ mirror URLs (React Router's flat-routes convention),
// e.g. communities.$slug.tsx → /communities/:slug.
import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

export default flatRoutes() satisfies RouteConfig;
