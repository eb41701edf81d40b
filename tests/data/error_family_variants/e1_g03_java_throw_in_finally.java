// want: JAVA-FINALLY-EXIT
package com.acme.imports;

public class CatalogImporter {

    public void importFile(Path file) throws ImportException {
        ImportSession session = sessions.open(file);
        try {
            session.load();
            session.apply();
        } finally {
            if (!session.close()) {
                throw new ImportException("could not close import session for " + file);
            }
        }
    }
}
