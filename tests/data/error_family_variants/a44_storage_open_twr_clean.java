// clean: JAVA-RESOURCE-LEAK
package com.acme.export;

@Path("/exports")
public class ExportResource {
    @GET
    @Path("/{id}")
    public Response download(@PathParam("id") long id) throws IOException {
        try (InputStream in = storage.open(id)) {
            return Response.ok(in.readAllBytes()).build();
        }
    }
}
