// The dashboard's usage strings, in English (spread into the catalog by en.ts).
export const enUsage = {} as const;
