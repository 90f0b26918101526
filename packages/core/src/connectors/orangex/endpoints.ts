import type { ApiType, Environment } from '../../exchanges/catalog.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';

/** OrangeX JSON-RPC methods (reference section 6). */
export const ORANGEX_METHODS = {
  auth: '/public/auth',
  /** Used only to read the server's clock from the reply (`usOut`, else the Date header). */
  ping: '/public/ping',
  assets: '/private/get_assets_info',
} as const;

/** The asset type an API type reads: `rest` and `websocket` use the default, the perpetual account. */
export type OrangexAssetType = 'PERPETUAL' | 'SPOT';

export function orangexAssetTypeOf(apiType: ApiType): OrangexAssetType {
  return apiType === 'spot' ? 'SPOT' : 'PERPETUAL';
}

/** The JSON-RPC base: `https://api.orangex.com/api/v1` (with baseUrl: `${baseUrl}/orangex/api/v1`). */
export function orangexRpcBase(environment: Environment, baseUrl?: string): string {
  return `${restBaseUrl('orangex', environment, 'default', baseUrl)}/api/v1`;
}
