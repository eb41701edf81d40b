// want: MIG-04
// path: src/main/java/db/migration/V157__Orders_total_numeric.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V157__Orders_total_numeric extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.execute("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)");
        }
    }
}
