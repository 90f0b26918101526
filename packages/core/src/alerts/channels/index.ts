/** Channel formatters: the request each service documents, built from a message. */
export * from './discord.ts';
export * from './format-request.ts';
export * from './ntfy.ts';
export * from './outgoing.ts';
export * from './signature.ts';
export * from './slack.ts';
export * from './telegram.ts';
export * from './webhook.ts';
