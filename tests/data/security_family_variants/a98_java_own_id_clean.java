// clean: JAVA-LOOKUP-IGNORES-CALLER
// path: src/main/java/com/acme/accounts/web/ProfileController.java
package com.acme.accounts.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/me")
public class ProfileController {
    private final UserRepository users;

    public ProfileController(UserRepository users) {
        this.users = users;
    }

    @PatchMapping
    public UserView update(@AuthenticationPrincipal AppUser me, @RequestBody ProfilePatch patch) {
        User user = users.findById(me.getId()).orElseThrow();
        user.setDisplayName(patch.displayName());
        return UserView.of(users.save(user));
    }
}
