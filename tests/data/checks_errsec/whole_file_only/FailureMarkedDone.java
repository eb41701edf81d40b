package com.acme.imports;

// Failed work recorded as done: the catch only logs, then the job or event is marked finished.
@ApplicationScoped
public class FailureMarkedDone {
    private static final Logger LOG = Logger.getLogger(FailureMarkedDone.class);

    @Transactional
    public void importCatalog(ImportJob job) {
        for (CatalogRow row : reader.rows(job.file())) {
            try {
                products.upsert(row.toProduct());
            } catch (Exception e) { // expect: ANY-FAILURE-MARKED-DONE
                LOG.errorf(e, "row %d failed", row.number());
            }
        }
        job.setStatus(ImportStatus.COMPLETED);
        jobs.persist(job);
    }

    public void relay(OutboxEvent ev) {
        try {
            kafka.send(ev.getTopic(), ev.getKey(), ev.getPayload()).get();
        } catch (Exception e) { // expect: ANY-FAILURE-MARKED-DONE
            LOG.error("publish failed", e);
        }
        ev.setSentAt(Instant.now());
        outbox.save(ev);
    }

    public void relayRethrowing(OutboxEvent ev) {
        try {
            kafka.send(ev.getTopic(), ev.getKey(), ev.getPayload()).get();
        } catch (Exception e) {
            LOG.error("publish failed", e);
            throw new RelayException(ev.getId(), e);
        }
        ev.setSentAt(Instant.now());
        outbox.save(ev);
    }

    @Transactional
    public void importCountingFailures(ImportJob job) {
        for (CatalogRow row : reader.rows(job.file())) {
            try {
                products.upsert(row.toProduct());
            } catch (ProductException e) {
                LOG.errorf(e, "row %d failed", row.number());
                job.failedRows.add(row.number());
            }
        }
        job.setStatus(ImportStatus.COMPLETED);
        jobs.persist(job);
    }
}
