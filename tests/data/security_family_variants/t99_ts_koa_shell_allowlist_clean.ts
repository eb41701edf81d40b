// clean: JS-SHELL-INJECTION
import { exec } from "node:child_process";
import { promisify } from "node:util";
import Router from "@koa/router";

const run = promisify(exec);
const FORMATS: Record<string, string> = { pdf: "pdf", word: "docx", text: "plain" };

export const router = new Router();

router.post("/documents/:id/export", async (ctx) => {
  const format = FORMATS[String(ctx.query.format)];
  if (!format) ctx.throw(400, "unknown format");
  const id = Number(ctx.params.id);
  const { stdout } = await run(`pandoc -t ${format} /srv/docs/${id}.md`, { timeout: 60_000 });
  ctx.body = stdout;
});
