// clean: JS-ROUTE-NO-AUTH
// path: src/routes/api/invites/[id]/+server.ts
import { error, json } from "@sveltejs/kit";
import type { RequestHandler } from "./$types";
import { invites } from "$lib/server/invites";

export const GET: RequestHandler = async ({ params, locals }) => {
  if (!locals.user) throw error(401, "Sign in first");
  return json(await invites.get(params.id, locals.user.orgId));
};

export const DELETE: RequestHandler = async ({ params, locals }) => {
  if (!locals.user) throw error(401, "Sign in first");
  await invites.revoke(params.id, locals.user.orgId);
  return new Response(null, { status: 204 });
};
