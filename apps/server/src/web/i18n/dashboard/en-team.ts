// The dashboard's team strings, in English (spread into the catalog by en.ts).
export const enTeam = {} as const;
