import type { SimSocket } from '../../ws/stream-types.ts';

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS'];

/**
 * The live-subscription requests of a Binance combined stream (BN-SPOT web-socket-streams.md "Live
 * Subscribing/Unsubscribing"): `{"method":"SUBSCRIBE","params":[…],"id":1}` → `{"result":null,"id":1}`,
 * `LIST_SUBSCRIPTIONS` → `{"result":[…],"id"}`; malformed requests get the documented
 * `{"code":2|3,"msg":…,"id"}`. `accept(name)` decides whether a stream name can be subscribed (a USDⓈ-M
 * listenKey must be live); a refused one is answered `{"code":2,"msg":"Invalid request: …","id"}` (the code
 * is our choice: Binance's reply for a dead listenKey is UNCONFIRMED). Ids: the spot doc asks for an
 * unsigned integer, the official USDⓈ-M client sends a 32-hex string; both are accepted (our choice).
 */
export function createStreamRequests(
  socket: SimSocket,
  subscribed: Set<string>,
  accept: (name: string) => boolean,
): { message(text: string): void } {
  const reply = (body: Record<string, unknown>) => socket.send(JSON.stringify(body));
  return {
    message(text) {
      let m: { method?: unknown; params?: unknown; id?: unknown };
      try {
        m = JSON.parse(text);
      } catch {
        return reply({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
      }
      const id = m?.id;
      if (!(typeof id === 'string' || (Number.isInteger(id) && (id as number) >= 0)))
        return reply({ code: 2, msg: 'Invalid request: request ID must be an unsigned integer', id: null });
      if (typeof m.method !== 'string' || !METHODS.includes(m.method))
        return reply({
          code: 2,
          msg: `Invalid request: unknown variant ${String(m.method)}, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\``,
          id,
        });
      if (m.method === 'LIST_SUBSCRIPTIONS') return reply({ result: [...subscribed], id });
      const names = Array.isArray(m.params) ? m.params : [];
      if (!names.every((n): n is string => typeof n === 'string'))
        return reply({ code: 2, msg: 'Invalid request: params must be strings', id });
      if (m.method === 'UNSUBSCRIBE') {
        for (const n of names) subscribed.delete(n);
        return reply({ result: null, id });
      }
      const refused = names.find((n) => !accept(n));
      if (refused !== undefined)
        return reply({
          code: 2,
          msg: `Invalid request: ${refused ? 'unknown or expired listenKey' : 'empty stream name'}`,
          id,
        });
      for (const n of names) subscribed.add(n);
      return reply({ result: null, id });
    },
  };
}
