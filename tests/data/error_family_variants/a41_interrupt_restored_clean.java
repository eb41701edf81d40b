// clean: JAVA-INTERRUPT-SWALLOWED
package com.acme.jobs;

@Component
public class DunningJob {
    @Scheduled(cron = "0 */5 * * * *")
    public void run() {
        for (Invoice inv : invoices.overdue()) {
            reminders.send(inv);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
