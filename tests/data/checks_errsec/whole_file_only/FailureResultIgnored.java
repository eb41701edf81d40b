package com.acme.billing;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

public class SeatAllocator {

    private final JdbcTemplate jdbc;

    public SeatAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private boolean holdSeats(long eventId, int count) {
        try {
            return jdbc.update("UPDATE events SET free = free - ? WHERE id = ? AND free >= ?", count, eventId, count) == 1;
        } catch (DataAccessException e) {
            return false;
        }
    }

    private boolean tryWarmCache(long eventId) {
        try {
            jdbc.queryForList("SELECT 1 FROM events WHERE id = ?", eventId);
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    public void book(long eventId, int count) {  // expect: JAVA-WRITES-NO-TX
        holdSeats(eventId, count);  // expect: JAVA-FAILURE-RESULT-IGNORED
        tryWarmCache(eventId);
        jdbc.update("INSERT INTO bookings(event_id, seats) VALUES (?, ?)", eventId, count);
    }

    public void bookChecked(long eventId, int count) {  // expect: JAVA-WRITES-NO-TX
        if (!holdSeats(eventId, count)) {
            throw new IllegalStateException("sold out");
        }
        boolean held = this.holdSeats(eventId, count);
        jdbc.update("INSERT INTO bookings(event_id, seats, held) VALUES (?, ?, ?)", eventId, count, held);
    }
}
