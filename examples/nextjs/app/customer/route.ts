import { createEndpoint, loadConfigFile } from 'custlink/server';
import { createFetchHandler } from 'custlink/server/adapters';

// The SQLite, PostgreSQL and MySQL drivers need Node, and every lookup must reach the database.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Handle = (request: Request) => Promise<Response>;
let handler: Promise<Handle> | undefined;

// Built on the first request, not at import: `next build` imports this file, without CUSTLINK_KEY.
function custlink(): Promise<Handle> {
  handler ??= createEndpoint(loadConfigFile(process.env.CUSTLINK_CONFIG ?? 'custlink.yaml')).then(
    (endpoint) => createFetchHandler(endpoint),
    (error: unknown) => {
      handler = undefined; // a config fixed on disk is read again by the next request
      throw error;
    },
  );
  return handler;
}

/** The helpdesk's signed lookup: POST /customer (this file's path is listen.path). */
export async function POST(request: Request): Promise<Response> {
  return (await custlink())(request);
}
