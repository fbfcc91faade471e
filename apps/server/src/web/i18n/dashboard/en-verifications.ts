// The dashboard's verifications strings, in English (spread into the catalog by en.ts).
export const enVerifications = {} as const;
