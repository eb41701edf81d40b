// Fixture for JAVA-LOCK-HELD: locks released by a plain statement instead of a `finally`.
// `// expect: ID` marks the line a finding must land on; the rest must stay clean.
package example.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

public class LockedCounter {
    private final Lock lock = new ReentrantLock();
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<String, Integer> counts = new HashMap<>();
    private int total;

    public int add(String key) {
        lock.lock(); // expect: JAVA-LOCK-HELD
        int next = counts.merge(key, 1, Integer::sum);
        total++;
        lock.unlock();
        return next;
    }

    public int addSafely(String key) {
        lock.lock();
        try {
            total++;
            return counts.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    public Integer read(String key) {
        rw.readLock().lock(); // expect: JAVA-LOCK-HELD
        if (key.isEmpty()) {
            return null;
        }
        Integer value = counts.get(key);
        rw.readLock().unlock();
        return value;
    }

    public Integer readSafely(String key) {
        rw.readLock().lock();
        try {
            return counts.get(key);
        } finally {
            rw.readLock().unlock();
        }
    }

    public void reset() throws InterruptedException {
        this.lock.lockInterruptibly(); // expect: JAVA-LOCK-HELD
        counts.clear();
        if (total > 0) {
            this.lock.unlock();
        }
    }

    public boolean tryBump() {
        if (!lock.tryLock()) { return false; } // expect: JAVA-LOCK-HELD
        counts.put("bumps", total + 1);
        lock.unlock();
        return true;
    }

    public boolean tryBumpSafely() {
        if (!lock.tryLock()) { return false; }
        try {
            counts.put("bumps", total + 1);
        } finally {
            lock.unlock();
        }
        return true;
    }

    public void increment() {
        lock.lock();
        total++;
        lock.unlock();
    }

    public void acquire() {
        lock.lock();
        total++;
    }

    public void both() {
        lock.lock();
        rw.writeLock().lock();
        try {
            counts.clear();
        } catch (IllegalStateException e) {
            total = 0;
        } finally {
            rw.writeLock().unlock();
            lock.unlock();
        }
    }
}
