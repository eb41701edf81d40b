// clean: JAVA-ADMIN-ROUTE-ANONYMOUS
// path: src/main/java/com/acme/admin/AdminUserResource.java
package com.acme.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

@Path("/admin/users")
@RolesAllowed("admin")
public class AdminUserResource {
    @Inject
    UserService users;

    @GET
    public List<UserView> list() {
        return users.listAll();
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") long id) {
        users.delete(id);
    }
}
