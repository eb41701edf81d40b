// clean: JS-SHELL-INJECTION
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";

const run = promisify(execFile);

async function makeThumbnail(source: string, size: string): Promise<Buffer> {
  const { stdout } = await run("convert", [source, "-thumbnail", size, "png:-"], {
    encoding: "buffer",
    timeout: 30_000,
  });
  return stdout;
}

export async function thumbnailRoutes(app: FastifyInstance) {
  app.post<{ Body: { path: string; size: string } }>("/thumbnails", async (request, reply) => {
    const { path, size } = request.body;
    const png = await makeThumbnail(path, size);
    reply.type("image/png").send(png);
  });
}
