// clean: JAVA-SQL-STRING
// path: src/main/java/com/acme/resources/TicketResource.java
package com.acme.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

@Path("/tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {
    private final Jdbi jdbi;

    public TicketResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @GET
    public List<Ticket> list(@Auth User user, @QueryParam("status") String status, @QueryParam("q") String q) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT id, subject, status FROM tickets WHERE team_id = :team AND status = :status AND subject ILIKE :q LIMIT 100")
                .bind("team", user.teamId())
                .bind("status", status)
                .bind("q", "%" + q + "%")
                .mapTo(Ticket.class)
                .list());
    }
}
