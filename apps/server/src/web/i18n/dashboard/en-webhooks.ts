// The dashboard's webhooks strings, in English (spread into the catalog by en.ts).
export const enWebhooks = {} as const;
