// clean: JAVA-MIG-INDEX-LOCK
// path: src/main/java/db/migration/V40__IndexShipmentsCarrier.java
package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V40__IndexShipmentsCarrier extends BaseJavaMigration {
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_carrier_idx ON shipments (carrier_id)");
        }
    }
}
