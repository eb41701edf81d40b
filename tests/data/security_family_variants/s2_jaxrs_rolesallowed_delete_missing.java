// want: JAVA-ROUTE-NO-AUTH
package com.acme.fleet.api;

import com.acme.fleet.model.Vehicle;
import com.acme.fleet.service.VehicleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/vehicles")
@Produces(MediaType.APPLICATION_JSON)
public class VehicleResource {

    @Inject
    VehicleService vehicles;

    @GET
    @RolesAllowed({"dispatcher", "fleet-admin"})
    public List<Vehicle> list() {
        return vehicles.listAll();
    }

    @POST
    @RolesAllowed("fleet-admin")
    public Response register(Vehicle vehicle) {
        return Response.status(201).entity(vehicles.register(vehicle)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("fleet-admin")
    public Vehicle update(@PathParam("id") long id, Vehicle vehicle) {
        return vehicles.update(id, vehicle);
    }

    @DELETE
    @Path("/{id}")
    public Response decommission(@PathParam("id") long id) {
        vehicles.decommission(id);
        return Response.noContent().build();
    }
}
