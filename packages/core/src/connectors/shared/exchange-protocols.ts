import type { ErrorTable, RestContext, RestProtocol } from './rest-protocol.ts';
import type { StreamContext, StreamProtocol } from './ws-protocol.ts';

/**
 * The protocol half of an exchange's descriptor: how its REST API is signed and read, how its private stream is
 * authenticated and read, and what its error codes mean. Each exchange's is in `connectors/<id>/protocol.ts`.
 */
export interface ExchangeProtocols {
  /** Builds the REST protocol of one account (run by createRestConnector). */
  rest: (ctx: RestContext) => RestProtocol;
  /** Builds the private-stream protocol of one account (its default stream for the API type). */
  stream: (ctx: StreamContext) => StreamProtocol;
  /** The exchange's error codes and what they mean in ours. */
  errorCodes: ErrorTable;
}
