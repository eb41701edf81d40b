// want: JAVA-ADMIN-ROUTE-ANONYMOUS
// path: src/main/java/com/acme/fleet/admin/AdminUserResource.java
package com.acme.fleet.admin;

import com.acme.fleet.service.UserAdminService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Response;

@Path("/admin/users")
@RolesAllowed("admin")
public class AdminUserResource {

    @Inject
    UserAdminService users;

    @GET
    public Response list() {
        return Response.ok(users.listAll()).build();
    }

    @POST
    @Path("/{id}/grant-support-role")
    @PermitAll
    public Response grantSupportRole(@PathParam("id") long id) {
        users.grantRole(id, "support");
        return Response.noContent().build();
    }
}
