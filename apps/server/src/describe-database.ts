/** The database in words for the admin System page: the libSQL URL without credentials or query. */
export function describeDatabase(url: string): string {
  if (url === ':memory:') return 'libSQL in memory';
  if (url.startsWith('file:')) return `libSQL ${url.split('?')[0]}`;
  return URL.canParse(url) ? `libSQL ${new URL(url).origin}` : 'libSQL';
}
