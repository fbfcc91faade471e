// The dashboard's projects strings, in English (spread into the catalog by en.ts).
export const enProjects = {} as const;
