// clean: JAVA-ROUTE-NO-AUTH
// path: src/main/java/com/acme/fleet/api/VehicleResource.java
package com.acme.fleet.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/vehicles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("fleet-manager")
public class VehicleResource {
    @Inject
    VehicleService vehicles;

    @GET
    @RolesAllowed({"dispatcher", "fleet-manager"})
    public Response list() {
        return Response.ok(vehicles.all()).build();
    }

    @POST
    @Path("/{id}/retire")
    public Response retire(@PathParam("id") long id) {
        vehicles.retire(id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        vehicles.delete(id);
        return Response.noContent().build();
    }
}
