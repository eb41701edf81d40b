// clean: JAVA-TX-NO-ROLLBACK
package com.acme.ledger;

import static com.acme.db.Tables.ACCOUNTS;
import static com.acme.db.Tables.TRANSFERS;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public class TransferService {
    private final DSLContext dsl;

    public TransferService(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void transfer(long from, long to, long cents) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.update(ACCOUNTS).set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(cents)).where(ACCOUNTS.ID.eq(from)).execute();
            tx.update(ACCOUNTS).set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(cents)).where(ACCOUNTS.ID.eq(to)).execute();
            tx.insertInto(TRANSFERS, TRANSFERS.FROM_ID, TRANSFERS.TO_ID, TRANSFERS.CENTS).values(from, to, cents).execute();
        });
    }
}
