// want: JS-PATH-TRAVERSAL
import { Elysia } from "elysia";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const EXPORT_DIR = "/var/lib/app/exports";

export const exportsRoutes = new Elysia({ prefix: "/exports" }).get(
  "/:name",
  async ({ params, set }) => {
    const data = await readFile(join(EXPORT_DIR, params.name));
    set.headers["content-type"] = "text/csv";
    return data;
  },
);
