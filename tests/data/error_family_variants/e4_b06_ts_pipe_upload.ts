// want: JS-PIPE-NO-ERROR
import { createWriteStream } from "node:fs";
import { createGzip } from "node:zlib";
import type { Request, Response } from "express";

export function uploadLog(req: Request, res: Response) {
  const target = createWriteStream(`/var/data/logs/${Date.now()}.gz`);
  req.pipe(createGzip()).pipe(target);
  target.on("finish", () => res.status(201).end());
}
