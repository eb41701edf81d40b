// want: JS-FINALLY-EXIT
export async function importContacts(rows: ContactRow[]): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: 0, failed: 0 };
  try {
    for (const row of rows) {
      await contacts.upsert(row);
      summary.imported += 1;
    }
  } finally {
    await audit.record('contacts.import', summary);
    return summary;
  }
}
