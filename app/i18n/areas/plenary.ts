// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: the plenary page of a meeting (live published outcomes, on screen) and the shared questions board.
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
