// clean: JAVA-SQL-STRING
// path: src/main/java/com/acme/mapper/AccountMapper.java
package com.acme.mapper;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AccountMapper {

    @Select("SELECT id, name, plan FROM accounts WHERE org_id = #{orgId} AND name LIKE CONCAT('%', #{q}, '%') LIMIT #{limit}")
    List<Account> search(@Param("orgId") long orgId, @Param("q") String q, @Param("limit") int limit);

    @Update("UPDATE accounts SET plan = #{plan} WHERE id = #{id} AND org_id = #{orgId}")
    int changePlan(@Param("orgId") long orgId, @Param("id") long id, @Param("plan") String plan);
}
