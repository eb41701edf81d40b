// clean: JAVA-SQL-STRING
// path: src/main/java/com/acme/orders/OrderRepository.java
package com.acme.orders;

import static com.acme.db.Tables.ORDERS;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {
    private static final Map<String, SortField<?>> SORTS = Map.of(
            "newest", ORDERS.CREATED_AT.desc(),
            "oldest", ORDERS.CREATED_AT.asc(),
            "total", ORDERS.TOTAL_CENTS.desc());

    private final DSLContext dsl;

    public OrderRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<OrderRow> search(long customerId, String status, String sort, int limit) {
        return dsl.selectFrom(ORDERS)
                .where(ORDERS.CUSTOMER_ID.eq(customerId))
                .and(ORDERS.STATUS.eq(status))
                .orderBy(SORTS.getOrDefault(sort, ORDERS.CREATED_AT.desc()))
                .limit(Math.min(limit, 100))
                .fetchInto(OrderRow.class);
    }

    public int countSince(long customerId, String since) {
        return dsl.fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customerId)
                .and("created_at >= ?::timestamptz", since));
    }
}
