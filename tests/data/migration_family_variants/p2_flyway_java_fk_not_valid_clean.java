// clean: MIG-06
// path: src/main/java/db/migration/V59__ShipmentsOrderFk.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V59__ShipmentsOrderFk extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk "
                    + "FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID");
        }
    }
}
