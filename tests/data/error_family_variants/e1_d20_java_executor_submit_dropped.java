// want: JAVA-ASYNC-FUTURE-DROPPED
package com.acme.users;

@Service
public class SignupService {

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final UserRepository users;
    private final WelcomeMailer mailer;

    public SignupService(UserRepository users, WelcomeMailer mailer) {
        this.users = users;
        this.mailer = mailer;
    }

    public User register(String email) {
        User user = users.save(new User(email));
        executor.submit(() -> mailer.sendWelcome(user));
        return user;
    }
}
