// clean: JAVA-PATH-TRAVERSAL
// path: src/main/java/com/acme/files/FileResource.java
package com.acme.files;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.nio.file.Paths;

@Path("/files")
@RolesAllowed("user")
public class FileResource {
    private static final java.nio.file.Path ROOT = Paths.get("/data/shared").toAbsolutePath().normalize();

    @GET
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public byte[] download(@PathParam("name") String name) throws java.io.IOException {
        java.nio.file.Path target = ROOT.resolve(name).normalize();
        if (!target.startsWith(ROOT) || !Files.isRegularFile(target)) {
            throw new NotFoundException();
        }
        return Files.readAllBytes(target);
    }
}
