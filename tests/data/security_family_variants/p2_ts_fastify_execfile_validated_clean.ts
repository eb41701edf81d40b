// clean: JS-SHELL-INJECTION
// path: src/routes/git.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import type { FastifyInstance } from "fastify";

const run = promisify(execFile);
const REF = /^[A-Za-z0-9._\/-]{1,100}$/;

export default async function gitRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { ref: string } }>("/repo/log", { onRequest: [app.authenticate] }, async (request, reply) => {
    const ref = request.query.ref;
    if (!REF.test(ref) || ref.startsWith("-")) {
      return reply.code(400).send({ error: "bad ref" });
    }
    const { stdout } = await run("git", ["-C", "/srv/repo", "log", "--oneline", "-n", "20", ref, "--"], {
      timeout: 10_000,
    });
    return { lines: stdout.split("\n").filter(Boolean) };
  });
}
