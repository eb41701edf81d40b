// clean: JAVA-LOOKUP-IGNORES-CALLER
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
        String patient = security.getUserPrincipal().getName();
        Prescription rx = em.createQuery(
                "select p from Prescription p where p.id = :id and p.patient.username = :patient", Prescription.class)
            .setParameter("id", id)
            .setParameter("patient", patient)
            .getResultStream().findFirst().orElseThrow(NotFoundException::new);
        return PrescriptionView.of(rx, patient);
    }
}
