// want: ANY-FAILURE-MARKED-DONE
package com.acme.billing.dunning;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
public class DunningMailer {

    private static final Logger log = LoggerFactory.getLogger(DunningMailer.class);

    private final ReminderRepository reminders;
    private final MailClient mail;

    public DunningMailer(ReminderRepository reminders, MailClient mail) {
        this.reminders = reminders;
        this.mail = mail;
    }

    @Scheduled(fixedDelay = 60_000)
    public void sendDue() {
        List<Reminder> due = reminders.findDue(Instant.now());
        for (Reminder r : due) {
            try {
                mail.send(r.getEmail(), r.getTemplate(), r.getModel());
            } catch (MailException e) {
                log.error("dunning mail {} failed", r.getId(), e);
            }
            r.setStatus(ReminderStatus.SENT);
            reminders.save(r);
        }
    }
}
