// clean: JAVA-ASYNC-FUTURE-DROPPED (the future is kept and its failure logged)
package com.acme.users;

@Service
public class SignupService {

    private static final Logger log = LoggerFactory.getLogger(SignupService.class);
    private final UserRepository users;
    private final WelcomeMailer mailer;

    public SignupService(UserRepository users, WelcomeMailer mailer) {
        this.users = users;
        this.mailer = mailer;
    }

    public User register(String email) {
        User user = users.save(new User(email));
        CompletableFuture.runAsync(() -> mailer.sendWelcome(user))
                .exceptionally(ex -> {
                    log.error("welcome mail failed for {}", user.getId(), ex);
                    return null;
                });
        return user;
    }
}
