// clean: JS-SHELL-INJECTION
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Request, Response } from "express";

const run = promisify(execFile);

export async function transcode(req: Request, res: Response) {
  const input = req.file!.path;
  const output = `${input}.mp4`;
  const bitrate = req.body.bitrate === "high" ? "4M" : "1M";
  await run("ffmpeg", ["-y", "-i", input, "-b:v", bitrate, output], { timeout: 120_000 });
  res.json({ output });
}
