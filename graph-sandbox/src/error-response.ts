import type { SandboxRequest, SandboxResponse } from './context';
import { graphErrorBody, type GraphError } from './graph-error';

/** A GraphError as Graph sends it: its status and headers, the error body with the request's ids. */
export function errorResponse(req: Pick<SandboxRequest, 'requestId' | 'clientRequestId'>, error: GraphError): SandboxResponse {
  return {
    status: error.status,
    headers: { ...error.headers },
    body: graphErrorBody(error.code, error.message, req.requestId, req.clientRequestId, new Date(), error.status),
  };
}
