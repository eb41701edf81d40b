// clean: ANY-HARDCODED-PASSWORD
package com.acme.common.constant;

public final class CacheKeys {
    private CacheKeys() {}

    public static final String LOGIN_TOKEN_KEY = "login_tokens:";
    public static final String PWD_ERR_CNT_KEY = "pwd_err_cnt:";
    public static final String RESET_TOKEN_KEY = "auth:reset_token:";
}
