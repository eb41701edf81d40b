// want: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/clinic/api/PrescriptionResource.java
package com.acme.clinic.api;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("/prescriptions")
@Produces(MediaType.APPLICATION_JSON)
public class PrescriptionResource {
    @Inject
    EntityManager em;

    @GET
    @Path("/{id}")
    public PrescriptionView get(@PathParam("id") long id, @Context SecurityContext security) {
        Prescription rx = em.find(Prescription.class, id);
        if (rx == null) {
            throw new NotFoundException();
        }
        return PrescriptionView.of(rx, security.getUserPrincipal().getName());
    }
}
