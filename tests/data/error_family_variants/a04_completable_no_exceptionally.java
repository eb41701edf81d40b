// want: JAVA-ASYNC-FUTURE-DROPPED
package com.acme.notify;

@Service
public class SignupService {
    public User signup(SignupRequest req) {
        User user = users.save(new User(req.email()));
        CompletableFuture.runAsync(() -> mailer.sendWelcome(user.getEmail()), executor);
        return user;
    }
}
