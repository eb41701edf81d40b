// want: JS-SHELL-INJECTION
import { execSync } from "node:child_process";
import type { FastifyInstance } from "fastify";

function makeThumbnail(source: string, size: string): Buffer {
  return execSync(`convert ${source} -thumbnail ${size} png:-`, { timeout: 30_000 });
}

export async function thumbnailRoutes(app: FastifyInstance) {
  app.post<{ Body: { path: string; size: string } }>("/thumbnails", async (request, reply) => {
    const { path, size } = request.body;
    const png = makeThumbnail(path, size);
    reply.type("image/png").send(png);
  });
}
