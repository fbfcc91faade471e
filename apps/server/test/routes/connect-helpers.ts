import type { TestApp } from '../harness.ts';
import { bodyOf } from '../harness.ts';

/** POSTs to a Connect route with the key in the API-KEY header, as the seed's quick start does. */
export async function connectPost(harness: TestApp, key: string, url: string, payload: unknown) {
  const response = await harness.app.inject({
    method: 'POST',
    url,
    headers: { 'api-key': key, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
  return { statusCode: response.statusCode, body: response.body, json: bodyOf(response) };
}

export const REGISTER = '/v1/business_connect_user/register';
export const GET_STATUS = '/v1/business_connect_user/get_status';
export const REVOKE = '/v1/business_connect_user/revoke';
export const DELETE = '/v1/business_connect_user/delete';
export const SANDBOX = '/v1/sandbox/outcome';
