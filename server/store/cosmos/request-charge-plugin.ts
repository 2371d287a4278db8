/**
 * Every Cosmos response carries what it cost in `x-ms-request-charge` (request units; throttled and failed
 * requests carry theirs too): https://learn.microsoft.com/rest/api/cosmos-db/common-cosmosdb-rest-response-headers.
 * A 'request' plugin sees each network request once, retries included, so the charge of every operation of every
 * repository is logged (debug) and added to the current tally without touching the repositories. Plugins are the
 * SDK's documented hook for logging (`PluginConfig`, exported by @azure/cosmos).
 */
import type { CosmosHeaders, PluginConfig } from '@azure/cosmos';
import type { Logger } from 'pino';
import { recordRequestCharge } from '../request-charge';
import { statusOf } from './util';

export function requestChargePlugin(logger?: Logger): PluginConfig {
  return {
    on: 'request',
    plugin: async (context, diagnosticNode, next) => {
      void diagnosticNode;
      let headers: CosmosHeaders | undefined;
      let status: number | undefined;
      try {
        const response = await next(context);
        headers = response.headers;
        status = response.code;
        return response;
      } catch (err) {
        headers = (err as { headers?: CosmosHeaders }).headers;
        status = statusOf(err);
        throw err;
      } finally {
        const requestCharge = Number(headers?.['x-ms-request-charge'] ?? 0) || 0;
        recordRequestCharge(requestCharge);
        // No ids or paths: they carry tenant and mailbox identifiers.
        logger?.debug({ cosmos: { operation: context.operationType, resource: context.resourceType, status, requestCharge } }, 'cosmos request');
      }
    },
  };
}
