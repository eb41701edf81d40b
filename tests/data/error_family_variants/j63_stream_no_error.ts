// want: JS-PIPE-NO-ERROR
import { createReadStream } from 'fs';
import csv from 'csv-parser';

export function importCsv(path: string, onRow: (r: Row) => void): Promise<void> {
  return new Promise((resolve) => {
    createReadStream(path)
      .pipe(csv())
      .on('data', onRow)
      .on('end', resolve);
  });
}
