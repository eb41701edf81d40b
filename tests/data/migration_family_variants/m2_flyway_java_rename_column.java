// want: MIG-05
// path: src/main/java/db/migration/V160__Rename_customers_zip.java
package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V160__Rename_customers_zip extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE customers RENAME COLUMN zip TO postal_code");
        }
    }
}
