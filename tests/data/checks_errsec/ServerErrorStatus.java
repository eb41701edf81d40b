package com.acme.accounts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

public class AccountController {
    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    public ResponseEntity<Account> create(AccountRequest request) {
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(request));
        } catch (DuplicateKeyException e) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build(); // expect: ANY-500-FOR-CLIENT-ERROR
        }
    }

    public ResponseEntity<Account> rename(AccountRequest request) {
        try {
            return ResponseEntity.ok(accounts.rename(request));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
        }
    }
}
