import { lookup } from 'node:dns/promises';

/** Every address a hostname resolves to (A and AAAA): alert destinations are checked against each before sending. */
export async function resolveAll(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
}
