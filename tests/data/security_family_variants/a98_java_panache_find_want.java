// want: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/ledger/api/EntryResource.java
package com.acme.ledger.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.*;

@Path("/entries")
public class EntryResource {
    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/{id}/reverse")
    @Transactional
    public Entry reverse(@PathParam("id") Long id) {
        Entry entry = Entry.find("id", id).firstResult();
        if (entry == null) {
            throw new NotFoundException();
        }
        return entry.reverse(identity.getPrincipal().getName());
    }
}
