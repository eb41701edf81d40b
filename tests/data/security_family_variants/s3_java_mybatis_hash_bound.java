// clean: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ProductMapper {
    @Select("SELECT id, name, price FROM products WHERE category = #{category} AND name LIKE CONCAT('%', #{q}, '%') ORDER BY name")
    List<Product> byCategory(@Param("category") String category, @Param("q") String q);
}
