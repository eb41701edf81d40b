// want: JAVA-INTERRUPT-SWALLOWED
package com.acme.jobs;

public class Worker implements Runnable {
    public void run() {
        while (running) {
            try {
                Task t = queue.take();
                t.execute();
            } catch (InterruptedException ignored) {
            }
        }
    }
}
