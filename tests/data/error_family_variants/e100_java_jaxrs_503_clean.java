// clean: JAVA-HANDLER-FAILURE-OK
package com.acme.accounts.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

@Path("/accounts")
public class AccountClosureResource {

    private static final Logger LOG = Logger.getLogger(AccountClosureResource.class);

    @Inject
    AccountClosureService closures;

    @POST
    @Path("/{id}/close")
    public Response close(@PathParam("id") long id) {
        try {
            closures.close(id);
        } catch (Exception e) {
            LOG.errorf(e, "closing account %d failed", id);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        return Response.ok().build();
    }
}
