// want: JAVA-ASYNC-FUTURE-DROPPED
package com.acme.reports;

@Service
public class ReportService {
    private final ExecutorService pool;
    private final ReportWriter writer;

    public ReportService(ExecutorService pool, ReportWriter writer) {
        this.pool = pool;
        this.writer = writer;
    }

    public void requestExport(long accountId) {
        pool.submit(() -> writer.exportAccount(accountId));
    }
}
