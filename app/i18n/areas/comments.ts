// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: comments on the subgroup page.
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
