// want: JAVA-LOOKUP-IGNORES-CALLER
package com.acme.reports.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    @PersistenceContext
    EntityManager em;

    @GET
    @Path("/{id}")
    public ReportDto get(@PathParam("id") long id, @Context SecurityContext security) {
        Report report = em.find(Report.class, id);
        if (report == null) {
            throw new NotFoundException();
        }
        return ReportDto.from(report);
    }
}
