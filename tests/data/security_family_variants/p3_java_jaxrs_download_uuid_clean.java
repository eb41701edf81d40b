// clean: JAVA-PATH-TRAVERSAL
package com.acme.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.UUID;

@Path("/invoices")
public class InvoicePdfResource {
    private final java.nio.file.Path storage = java.nio.file.Path.of("/var/lib/acme/invoices");

    @GET
    @Path("/{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") String id) throws Exception {
        UUID invoiceId = UUID.fromString(id);
        java.nio.file.Path file = storage.resolve(invoiceId + ".pdf");
        if (!Files.exists(file)) {
            return Response.status(404).build();
        }
        return Response.ok(Files.newInputStream(file)).build();
    }
}
