// want: MIG-12
// path: src/main/java/db/migration/V152__Index_orders_status.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V152__Index_orders_status extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.execute("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)");
        }
    }
}
