// want: ANY-FAILURE-MARKED-DONE
package com.acme.imports;

@ApplicationScoped
public class CatalogImporter {
    private static final Logger LOG = Logger.getLogger(CatalogImporter.class);

    @Transactional
    public void run(ImportJob job) {
        for (CatalogRow row : reader.rows(job.file())) {
            try {
                products.upsert(row.toProduct());
            } catch (Exception e) {
                LOG.errorf(e, "row %d failed", row.number());
            }
        }
        job.setStatus(ImportStatus.COMPLETED);
        jobs.persist(job);
    }
}
