// clean: MIG-06
// path: src/main/java/db/migration/V156__Order_lines_product_fk.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V156__Order_lines_product_fk extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement stmt = context.getConnection().createStatement()) {
            stmt.execute("ALTER TABLE order_lines ADD CONSTRAINT order_lines_product_fk "
                    + "FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID");
        }
    }
}
