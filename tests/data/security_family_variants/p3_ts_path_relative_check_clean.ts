// clean: JS-PATH-TRAVERSAL
import { readFile } from "node:fs/promises";
import path from "node:path";
import Koa from "koa";
import Router from "@koa/router";

const DOCS_ROOT = path.resolve(process.cwd(), "docs");
const router = new Router();

router.get("/docs/:slug", async (ctx: Koa.Context) => {
  const file = path.join(DOCS_ROOT, `${ctx.params.slug}.md`);
  const rel = path.relative(DOCS_ROOT, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    ctx.throw(404);
  }
  ctx.type = "text/markdown";
  ctx.body = await readFile(file, "utf8");
});

export default router;
