// want: JAVA-LOOKUP-IGNORES-CALLER
package com.acme.crm.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.*;

@Path("/contacts")
@Authenticated
public class ContactResource {
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/{id}")
    public Contact get(@PathParam("id") Long id) {
        return Contact.<Contact>find("id = ?1 and tenantId = ?2", id, tenantOf(identity))
                .firstResultOptional()
                .orElseThrow(NotFoundException::new);
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public void delete(@PathParam("id") Long id) {
        Contact contact = Contact.findById(id);
        if (contact == null) {
            throw new NotFoundException();
        }
        contact.delete();
    }

    private static String tenantOf(SecurityIdentity identity) {
        return identity.getAttribute("tenant_id");
    }
}
