// want: JAVA-INSECURE-RANDOM
package com.acme.api;

import org.apache.commons.lang3.RandomStringUtils;
import org.springframework.stereotype.Service;

@Service
public class InviteService {
    private final InviteRepository invites;

    public InviteService(InviteRepository invites) {
        this.invites = invites;
    }

    public Invite create(String email) {
        String inviteToken = RandomStringUtils.randomAlphanumeric(32);
        return invites.save(new Invite(email, inviteToken));
    }
}
