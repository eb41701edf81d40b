// Fixture for thread pools made per call and never shut down. `// expect: ID` marks the line a finding must
// land on; the methods without a marker are near misses that must stay clean.
package com.acme.search;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

public class IndexService {
    private final ExecutorService shared = Executors.newFixedThreadPool(4);

    public void reindex(List<Long> ids) {
        ExecutorService pool = Executors.newFixedThreadPool(8); // expect: JAVA-EXECUTOR-PER-CALL
        ids.forEach(id -> pool.submit(() -> reindexOne(id)));
    }

    public void reindexAndWait(List<Long> ids) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Long id : ids) {
                pool.submit(() -> reindexOne(id));
            }
        } finally {
            pool.shutdown();
        }
        pool.awaitTermination(5, TimeUnit.MINUTES);
    }

    public void reindexShared(List<Long> ids) {
        for (Long id : ids) {
            shared.submit(() -> reindexOne(id));
        }
    }

    private void reindexOne(Long id) {
    }
}
