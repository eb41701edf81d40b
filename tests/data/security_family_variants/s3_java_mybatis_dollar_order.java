// want: JAVA-SQL-STRING
package com.acme.api;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ProductMapper {
    @Select("SELECT id, name, price FROM products WHERE category = #{category} ORDER BY ${orderBy}")
    List<Product> byCategory(@Param("category") String category, @Param("orderBy") String orderBy);
}
