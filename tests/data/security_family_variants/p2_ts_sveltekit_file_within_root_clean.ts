// clean: JS-PATH-TRAVERSAL
// path: src/routes/files/[...path]/+server.ts
import { error } from "@sveltejs/kit";
import { readFile } from "node:fs/promises";
import path from "node:path";

import type { RequestHandler } from "./$types";

const ROOT = path.resolve("/srv/shared");

export const GET: RequestHandler = async ({ params, locals }) => {
  if (!locals.user) throw error(401);
  const target = path.resolve(ROOT, params.path);
  if (target !== ROOT && !target.startsWith(ROOT + path.sep)) {
    throw error(404, "not found");
  }
  const data = await readFile(target);
  return new Response(data, { headers: { "content-type": "application/octet-stream" } });
};
