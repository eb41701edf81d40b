// want: MIG-07
// path: src/main/java/db/migration/V162__Unique_invoice_number.java
package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V162__Unique_invoice_number extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE invoices ADD CONSTRAINT invoices_number_key UNIQUE (number)");
        }
    }
}
