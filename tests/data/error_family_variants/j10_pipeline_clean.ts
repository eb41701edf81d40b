// clean: JS-PIPE-NO-ERROR
import fs from 'fs';
import zlib from 'zlib';
import { pipeline } from 'stream/promises';

export async function archive(src: string, dst: string): Promise<void> {
  await pipeline(fs.createReadStream(src), zlib.createGzip(), fs.createWriteStream(dst));
}
