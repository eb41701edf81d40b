// clean: JAVA-INTERRUPT-SWALLOWED
package com.acme.jobs;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

public class EventPump implements Runnable {
    private final BlockingQueue<Event> queue;
    private final EventSink sink;

    public EventPump(BlockingQueue<Event> queue, EventSink sink) {
        this.queue = queue;
        this.sink = sink;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Event e = queue.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    sink.write(e);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
