// want: JS-EMITTER-NO-ERROR
import { spawn } from "node:child_process";

export function transcode(input: string, output: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("ffmpeg", ["-i", input, output]);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
