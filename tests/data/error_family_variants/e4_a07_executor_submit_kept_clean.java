// clean: JAVA-ASYNC-FUTURE-DROPPED (the future is returned to the caller)
package com.acme.reports;

@Service
public class ReportService {
    private final ExecutorService pool;
    private final ReportWriter writer;

    public ReportService(ExecutorService pool, ReportWriter writer) {
        this.pool = pool;
        this.writer = writer;
    }

    public Future<?> requestExport(long accountId) {
        return pool.submit(() -> writer.exportAccount(accountId));
    }
}
