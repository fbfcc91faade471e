// The dashboard's auth strings, in English (spread into the catalog by en.ts).
export const enAuth = {} as const;
