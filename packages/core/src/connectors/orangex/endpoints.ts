import type { ApiType } from '../../exchanges/catalog.ts';

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

/** The JSON-RPC base under the REST host: `https://api.orangex.com/api/v1` (simulator: `${baseUrl}/orangex/api/v1`). */
export function orangexRpcBase(host: string): string {
  return `${host}/api/v1`;
}
