package com.example.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class OutboxPoller implements Runnable {

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<Row> batch = outbox.nextBatch(100);
                batch.forEach(publisher::publish);
                if (batch.isEmpty()) {
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) { // expect: JAVA-POLL-LOOP-NO-BACKOFF
                log.warn("outbox poll failed", e);
            }
        }
    }

    public void consume() {
        while (running) {
            try {
                List<Record> records = consumer.poll(Duration.ofSeconds(1));
                handle(records);
            } catch (Exception e) {
                log.error("consume failed", e);
            }
        }
    }

    public void relay() {
        while (true) {
            try {
                relayOnce();
            } catch (Exception e) {
                log.warn("relay failed", e);
                sleepQuietly(backoff.next());
            }
        }
    }

    public void tick() {
        for (;;) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (Throwable e) {
                log.warn("sleep interrupted", e);
            }
            try {
                flush();
            } catch (Exception e) {
                log.warn("flush failed", e);
            }
        }
    }

    public long countErrors(Path logFile) throws IOException {
        Stream<String> lines = Files.lines(logFile); // expect: JAVA-RESOURCE-LEAK
        return lines.filter(l -> l.contains(" ERROR ")).count();
    }

    public List<Path> children(Path dir) throws IOException {
        return Files.list(dir).filter(Files::isRegularFile).collect(Collectors.toList()); // expect: JAVA-RESOURCE-LEAK
    }

    public long countSafely(Path logFile) throws IOException {
        try (Stream<String> lines = Files.lines(logFile)) {
            return lines.filter(l -> l.contains(" ERROR ")).count();
        }
    }

    public Stream<Path> all(Path root) throws IOException {
        return Files.walk(root, 1).filter(p -> !p.equals(root));
    }
}
