// clean: JAVA-SQL-STRING
package com.acme.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

public class OrderArchiver {
    private final DataSource dataSource;

    public OrderArchiver(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int archive(long customerId, List<Long> orderIds) throws SQLException {
        if (orderIds.isEmpty()) {
            return 0;
        }
        String marks = String.join(",", Collections.nCopies(orderIds.size(), "?"));
        String sql = "UPDATE orders SET archived = TRUE WHERE customer_id = ? AND id IN (" + marks + ")";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, customerId);
            for (int i = 0; i < orderIds.size(); i++) {
                ps.setLong(i + 2, orderIds.get(i));
            }
            return ps.executeUpdate();
        }
    }
}
