package com.acme.sessions;

import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@Service
public class SessionDirectory {
    private static final SimpleDateFormat STAMP = new SimpleDateFormat("yyyy-MM-dd HH:mm"); // expect: JAVA-SHARED-FORMATTER
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Map<String, Session> BY_TOKEN = new ConcurrentHashMap<>();
    private static final Map<String, Session> PINNED = new ConcurrentHashMap<>();
    private final Map<String, Integer> loginsByUser = new HashMap<>();
    private final Map<String, Integer> safeCounts = new ConcurrentHashMap<>();
    private final SessionRepository sessions;
    private String lastUser;

    public SessionDirectory(SessionRepository sessions) {
        this.sessions = sessions;
    }

    public Session open(String user, String token) {
        Session session = sessions.create(user, token);
        BY_TOKEN.put(token, session); // expect: JAVA-STATIC-MAP-UNBOUNDED
        PINNED.put(token, session);
        loginsByUser.merge(user, 1, Integer::sum); // expect: JAVA-SINGLETON-MUTABLE-STATE
        safeCounts.merge(user, 1, Integer::sum);
        this.lastUser = user; // expect: JAVA-SINGLETON-MUTABLE-STATE
        return session;
    }

    public String describe(Session session) {
        return STAMP.format(session.getOpenedAt()) + " " + DAY.format(session.getDay());
    }

    public void close(String token) {
        PINNED.remove(token);
    }
}
