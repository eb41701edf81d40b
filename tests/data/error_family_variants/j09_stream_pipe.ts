// want: JS-PIPE-NO-ERROR
import fs from 'fs';
import zlib from 'zlib';

export function archive(src: string, dst: string): void {
  fs.createReadStream(src).pipe(zlib.createGzip()).pipe(fs.createWriteStream(dst));
}
