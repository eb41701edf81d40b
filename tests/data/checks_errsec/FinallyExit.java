// Fixture: control flow that leaves a finally block drops the exception the try was propagating.
package com.acme.jobs;

public class FinallyExit {

    public int sendAll(List<Payout> batch) {
        int sent = 0;
        try {
            for (Payout payout : batch) {
                gateway.send(payout);
                sent++;
            }
        } finally {
            return sent; // expect: JAVA-FINALLY-EXIT
        }
    }

    public void importFile(Path file) throws ImportException {
        ImportSession session = sessions.open(file);
        try {
            session.apply();
        } finally {
            if (!session.close()) {
                throw new ImportException("could not close " + file); // expect: JAVA-FINALLY-EXIT
            }
        }
    }

    public void drain(BlockingQueue<Job> queue) throws InterruptedException {
        while (true) {
            Job job = queue.take();
            try {
                job.run();
            } finally {
                if (queue.isEmpty()) {
                    break; // expect: JAVA-FINALLY-EXIT
                }
            }
        }
    }

    public int sendAllLogged(List<Payout> batch) {
        int sent = 0;
        try {
            for (Payout payout : batch) {
                gateway.send(payout);
                sent++;
            }
        } finally {
            log.info("sent {} of {}", sent, batch.size());
        }
        return sent;
    }

    public void closeQuietly(Connection conn) {
        try {
            conn.commit();
        } finally {
            try {
                conn.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public void notifyAll(List<Listener> listeners) {
        try {
            publish();
        } finally {
            listeners.forEach(listener -> {
                if (listener == null) {
                    return;
                }
                listener.done();
            });
            for (Listener listener : listeners) {
                if (listener.closed()) {
                    continue;
                }
                listener.flush();
            }
            switch (state) {
                case OPEN:
                    close();
                    break;
                default:
                    break;
            }
        }
    }
}
