// clean: MIG-03
// path: src/main/java/db/migration/V151__Index_orders_created.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V151__Index_orders_created extends BaseJavaMigration {
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at)");
        }
    }
}
