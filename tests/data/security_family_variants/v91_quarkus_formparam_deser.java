// want: JAVA-UNSAFE-DESERIALIZATION
package com.acme.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;

@Path("/wizard")
public class WizardResource {

    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String resume(@FormParam("state") String state) throws Exception {
        byte[] raw = Base64.getDecoder().decode(state);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw))) {
            WizardState saved = (WizardState) in.readObject();
            return saved.currentStep();
        }
    }
}
