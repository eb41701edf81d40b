package com.acme.ledger;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class LedgerService {

    private final AccountRepository accounts;
    private final EntryRepository entries;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public LedgerService(AccountRepository accounts, EntryRepository entries, JdbcTemplate jdbc,
                         TransactionTemplate tx) {
        this.accounts = accounts;
        this.entries = entries;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public void move(UUID from, UUID to, BigDecimal amount) {  // expect: JAVA-WRITES-NO-TX
        Account source = accounts.findById(from).orElseThrow();
        Account target = accounts.findById(to).orElseThrow();
        source.debit(amount);
        target.credit(amount);
        accounts.save(source);
        accounts.save(target);
    }

    public void close(UUID accountId) {  // expect: JAVA-WRITES-NO-TX
        jdbc.update("UPDATE accounts SET closed = true WHERE id = ?", accountId);
        jdbc.update("INSERT INTO account_events (account_id, kind) VALUES (?, 'closed')", accountId);
    }

    @Transactional
    public void moveInTransaction(UUID from, UUID to, BigDecimal amount) {
        Account source = accounts.findById(from).orElseThrow();
        Account target = accounts.findById(to).orElseThrow();
        source.debit(amount);
        target.credit(amount);
        accounts.save(source);
        accounts.save(target);
    }

    public void moveWithTemplate(UUID from, UUID to, BigDecimal amount) {
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from);
            jdbc.update("UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to);
        });
    }

    public Entry record(UUID accountId, BigDecimal amount) {
        return entries.save(new Entry(accountId, amount));
    }
}
