// want: JAVA-RESOURCE-LEAK
package com.acme.export;

@Path("/exports")
public class ExportResource {
    @GET
    @Path("/{id}")
    public Response download(@PathParam("id") long id) throws IOException {
        InputStream in = storage.open(id);
        byte[] bytes = in.readAllBytes();
        in.close();
        return Response.ok(bytes).build();
    }
}
