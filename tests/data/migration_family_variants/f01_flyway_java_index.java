// want: MIG-03
// path: src/main/java/db/migration/V150__Index_orders_customer.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V150__Index_orders_customer extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.execute("CREATE INDEX orders_customer_id_idx ON orders (customer_id)");
        }
    }
}
