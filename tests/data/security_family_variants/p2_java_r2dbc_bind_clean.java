// clean: JAVA-SQL-STRING
// path: src/main/java/com/acme/notes/NoteRepository.java
package com.acme.notes;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class NoteRepository {
    private final DatabaseClient client;

    public NoteRepository(DatabaseClient client) {
        this.client = client;
    }

    public Flux<Note> search(String owner, String text) {
        return client.sql("SELECT id, title, body FROM notes WHERE owner = :owner AND title ILIKE :pattern ORDER BY updated_at DESC")
                .bind("owner", owner)
                .bind("pattern", "%" + text + "%")
                .map((row, meta) -> new Note(row.get("id", Long.class), row.get("title", String.class), row.get("body", String.class)))
                .all();
    }

    public Mono<Long> delete(String owner, long id) {
        return client.sql("DELETE FROM notes WHERE id = :id AND owner = :owner")
                .bind("id", id)
                .bind("owner", owner)
                .fetch()
                .rowsUpdated();
    }
}
