// clean: JAVA-PATH-TRAVERSAL
package com.acme.billing.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

@jakarta.ws.rs.Path("/invoices")
public class InvoicePdfResource {
    private static final java.nio.file.Path ROOT = Paths.get("/srv/billing/pdf").toAbsolutePath().normalize();

    @GET
    @jakarta.ws.rs.Path("/{name}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("name") String name) throws IOException {
        java.nio.file.Path file = ROOT.resolve(name + ".pdf").normalize();
        if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
            throw new NotFoundException();
        }
        byte[] bytes = Files.readAllBytes(file);
        return Response.ok(bytes).build();
    }
}
