// want: MIG-08
// path: src/main/java/db/migration/V161__Add_orders_public_id.java
package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V161__Add_orders_public_id extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE orders ADD COLUMN public_id UUID NOT NULL DEFAULT gen_random_uuid()");
        }
    }
}
