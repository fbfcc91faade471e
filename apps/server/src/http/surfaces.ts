// Two public surfaces share one service: the Connect API under /v1 (snake_case, `status` envelope)
// and everything else in the POY format (`{"error":{…}}`). The path alone decides which.
import { ERROR_REGISTRY, type ErrorType } from './error-registry.ts';

export type Surface = 'connect' | 'poy';

export function surfaceOf(url: string): Surface {
  return url === '/v1' || url.startsWith('/v1/') || url.startsWith('/v1?') ? 'connect' : 'poy';
}

export interface PoyErrorBody {
  error: { code: number; message: string; type: ErrorType; requestId: string };
}

export interface ConnectErrorBody {
  status: 'failure';
  failure_code: string;
  failure_reason: string;
  request_id: string;
}

export function renderError(
  surface: Surface,
  type: ErrorType,
  message: string,
  requestId: string,
): PoyErrorBody | ConnectErrorBody {
  const definition = ERROR_REGISTRY[type];
  if (surface === 'connect') {
    return {
      status: 'failure',
      failure_code: definition.connectCode,
      failure_reason: message,
      request_id: requestId,
    };
  }
  return { error: { code: definition.status, message, type, requestId } };
}
