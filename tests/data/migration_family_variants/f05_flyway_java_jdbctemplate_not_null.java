// want: MIG-02
// path: src/main/java/db/migration/V154__Orders_currency.java
package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

public class V154__Orders_currency extends BaseJavaMigration {
    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.execute("ALTER TABLE orders ADD COLUMN currency char(3) NOT NULL");
    }
}
