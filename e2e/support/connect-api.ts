// The business's side of the Connect API (docs/api.md §4), with every answer checked by a schema so a
// wrong shape fails with the body in the message.
import { z } from 'zod';

const registerAnswer = z.object({
  status: z.literal('success'),
  invite_url: z.string(),
  user_id: z.string().startsWith('bcu_'),
  connection_verified: z.boolean(),
});
export type RegisterAnswer = z.infer<typeof registerAnswer>;

const statusAnswer = z.object({
  status: z.literal('success'),
  user_id: z.string(),
  reference_user_id: z.string(),
  connection_verified: z.boolean(),
  verification_status: z.enum(['PENDING', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
  unfulfillable_reason: z.enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED']).nullable(),
  simple_data_request_response: z
    .object({
      type: z.literal('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID'),
      humanness_score: z.number(),
      unique_human_id: z.string(),
      uniqueness_region_id: z.string().nullable(),
    })
    .nullable(),
});
export type StatusAnswer = z.infer<typeof statusAnswer>;

async function post<T>(url: string, apiKey: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'API-KEY': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`POST ${url} answered with something other than JSON: ${text}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`POST ${url} answered an unexpected shape: ${text}\n${parsed.error}`);
  return parsed.data;
}

export function createConnectClient(baseUrl: string, apiKey: string) {
  return {
    register(body: {
      reference_user_id: string;
      redirect_url?: string;
      uniqueness_region_id?: string;
    }): Promise<RegisterAnswer> {
      return post(`${baseUrl}/v1/business_connect_user/register`, apiKey, body, registerAnswer);
    },
    getStatus(referenceUserId: string): Promise<StatusAnswer> {
      return post(
        `${baseUrl}/v1/business_connect_user/get_status`,
        apiKey,
        { reference_user_id: referenceUserId },
        statusAnswer,
      );
    },
  };
}
export type ConnectClient = ReturnType<typeof createConnectClient>;
