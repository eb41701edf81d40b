// want: MIG-06
// path: src/main/java/db/migration/V155__Order_lines_fk.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V155__Order_lines_fk extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.execute("ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk "
                    + "FOREIGN KEY (order_id) REFERENCES orders (id)");
        }
    }
}
