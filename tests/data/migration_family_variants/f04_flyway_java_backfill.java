// want: MIG-10
// path: src/main/java/db/migration/V153__Backfill_orders_region.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V153__Backfill_orders_region extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.executeUpdate("UPDATE orders SET region = 'eu' WHERE region IS NULL");
        }
    }
}
