// clean: JAVA-SQL-STRING
package com.acme.inventory;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class StockRepository {
    private final NamedParameterJdbcTemplate jdbc;

    public StockRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> levels(long warehouseId, List<String> skus, String nameLike) {
        StringBuilder sql = new StringBuilder("SELECT sku, on_hand FROM stock WHERE warehouse_id = :wh AND sku IN (:skus)");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("wh", warehouseId).addValue("skus", skus);
        if (nameLike != null && !nameLike.isBlank()) {
            sql.append(" AND name ILIKE :name");
            params.addValue("name", "%" + nameLike + "%");
        }
        return jdbc.queryForList(sql.toString(), params);
    }
}
