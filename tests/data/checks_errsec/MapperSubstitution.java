package com.example.tickets.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TicketMapper {

    @Select("""
            SELECT id, title, priority FROM tickets
            WHERE queue_id = #{queueId}
            ORDER BY ${orderColumn} DESC // expect: JAVA-SQL-STRING
            """)
    List<Ticket> inQueue(@Param("queueId") long queueId, @Param("orderColumn") String orderColumn);

    @Select("SELECT * FROM tickets WHERE title LIKE '%${text}%'") // expect: JAVA-SQL-STRING
    List<Ticket> search(String text);

    @Select("SELECT * FROM tickets ORDER BY ${sort}")
    List<Ticket> sorted(@Param("sort") TicketSort sort);

    @Select("SELECT * FROM ${shard} WHERE id = #{id}")
    Ticket fromShard(@Param("shard") String shard, @Param("id") long id);

    @Select("SELECT * FROM tickets ORDER BY ${page.column}")
    List<Ticket> paged(@Param("page") PageSpec page);

    @Update("UPDATE tickets SET priority = #{priority} WHERE id = #{id}")
    int reprioritise(@Param("id") long id, @Param("priority") String priority);
}
