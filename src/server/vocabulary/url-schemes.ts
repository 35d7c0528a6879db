/**
 * The URL schemes each kind of server is reached by, as `URL.protocol` writes them (with the
 * colon). Listed once: the config checks, the SQL sources, the replay store's messages and
 * `init --from-db` read them, so a scheme added here is accepted everywhere at once.
 */
export const URL_PROTOCOLS = {
  postgres: ['postgres:', 'postgresql:'],
  mysql: ['mysql:', 'mariadb:'],
  redis: ['redis:', 'rediss:'],
  http: ['http:', 'https:'],
} as const satisfies Record<string, readonly string[]>;

/** A kind of server `URL_PROTOCOLS` lists. */
export type UrlKind = keyof typeof URL_PROTOCOLS;

/**
 * Whether `url` starts with one of the kind's schemes and `//`, compared as written (the config
 * has always asked for lower case); `ignoreCase` for a command-line argument.
 *
 * @example
 * hasUrlScheme('rediss://cache:6380', 'redis')         // true
 * hasUrlScheme('redis:/cache', 'redis')                // false: no "//"
 * hasUrlScheme('MariaDB://db/crm', 'mysql', true)      // true
 */
export function hasUrlScheme(url: string, kind: UrlKind, ignoreCase = false): boolean {
  const written = ignoreCase ? url.toLowerCase() : url;
  return URL_PROTOCOLS[kind].some((protocol) => written.startsWith(`${protocol}//`));
}

/**
 * The kind's schemes as a reader writes them, for messages.
 *
 * @example
 * urlSchemesText('redis') // 'redis:// or rediss://'
 */
export function urlSchemesText(kind: UrlKind): string {
  return URL_PROTOCOLS[kind].map((protocol) => `${protocol}//`).join(' or ');
}
