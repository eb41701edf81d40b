// clean: JAVA-EXCEPTION-CAUSE-DROPPED
package com.acme.resources;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

@Path("/reports")
public class ReportResource {
    private final ReportRenderer renderer;

    public ReportResource(ReportRenderer renderer) {
        this.renderer = renderer;
    }

    @POST
    public Response render(ReportSpec spec) {
        try {
            return Response.ok(renderer.render(spec)).build();
        } catch (IOException e) {
            throw new WebApplicationException("report rendering failed", e, Response.Status.BAD_GATEWAY);
        }
    }
}
