package com.acme.imports;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ImportService {
    private final AccountRepository accounts;
    private final LedgerRepository ledger;
    private final AttemptRepository attempts;

    public ImportService(AccountRepository accounts, LedgerRepository ledger, AttemptRepository attempts) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.attempts = attempts;
    }

    public void importAll(List<Row> rows) {
        for (Row row : rows) {
            importOne(row); // expect: JAVA-TX-SELF-INVOCATION
        }
    }

    @Transactional
    public void importOne(Row row) {
        accounts.save(row.account());
        ledger.save(row.entry());
        recordAttempt(row); // expect: JAVA-TX-SELF-INVOCATION
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAttempt(Row row) {
        attempts.save(new Attempt(row.id()));
    }

    @Transactional
    public void transfer(Account from, Account to, long cents) {
        accountRepository.save(from.debit(cents));
        try {
            accountRepository.save(to.credit(cents));
        } catch (DataIntegrityViolationException e) { // expect: JAVA-TX-CATCH-COMMITS
            log.error("credit failed for {}", to.id(), e);
        }
    }

    @Scheduled(fixedDelay = 60000)
    public void awaitPending() throws Exception {
        pendingFuture.get(); // expect: JAVA-WAIT-NO-TIMEOUT
    }

    @Transactional // expect: JAVA-TX-CHECKED-COMMITS
    public void importFile(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            accountRepository.save(Row.parse(line).account());
        }
    }

    @Transactional
    public void importChecked(List<Row> rows) {
        rows.forEach(row -> importOne(row));
    }

    @Transactional // expect: JAVA-TX-PRIVATE-METHOD
    private void archiveAll(List<Row> rows) {
        rows.forEach(row -> archiveRepository.save(row.archived()));
    }
}
