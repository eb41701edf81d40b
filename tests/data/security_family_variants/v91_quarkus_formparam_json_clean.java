// clean: JAVA-UNSAFE-DESERIALIZATION
package com.acme.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;

@Path("/wizard")
public class WizardResource {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String resume(@FormParam("state") String state) throws Exception {
        byte[] raw = Base64.getDecoder().decode(state);
        WizardState saved = MAPPER.readValue(raw, WizardState.class);
        return saved.currentStep();
    }
}
