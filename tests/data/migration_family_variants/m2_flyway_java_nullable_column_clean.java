// clean: MIG-02
// path: src/main/java/db/migration/V163__Add_invoices_memo.java
package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V163__Add_invoices_memo extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE invoices ADD COLUMN memo TEXT");
            statement.execute("ALTER TABLE invoices ADD COLUMN reminder_count INTEGER NOT NULL DEFAULT 0");
        }
    }
}
