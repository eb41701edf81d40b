// clean: JAVA-SQL-STRING
package com.acme.reports;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

public class ReportQuery {
    private static final Set<String> COLUMNS = Set.of("region", "channel", "revenue", "orders");
    private final DSLContext dsl;

    public ReportQuery(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Result<Record> run(long tenantId, List<String> requested) {
        List<Field<Object>> fields = requested.stream().filter(COLUMNS::contains).map(c -> field(name(c))).toList();
        return dsl.select(fields).from(table(name("daily_sales")))
                .where(field(name("tenant_id")).eq(tenantId))
                .fetch();
    }
}
