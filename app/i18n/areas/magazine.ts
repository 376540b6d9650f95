// Messages of one area of the app, in both languages (see subgroups.ts for how areas merge).
// Area: magazine editions (composing, the editorial document, the public web edition).
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
