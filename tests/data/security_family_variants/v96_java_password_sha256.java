// want: JAVA-WEAK-HASH
package com.acme.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Service;

@Service
public class AccountService {
    private final AccountRepository accounts;

    public AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public Account register(String email, String password) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        String passwordHash = HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        return accounts.save(new Account(email, passwordHash));
    }
}
