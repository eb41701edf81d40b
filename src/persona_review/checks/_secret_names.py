"""Names that mean a secret (or, for logs, a regulated identifier: a TIN, a card number), for the checks
that follow secrets by name (fallbacks, logs) in Ruby, JavaScript, Go and Java. Messages name the
variable, never its value."""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re

ENV_SECRET = lazy_re(
    r"SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|SIGNING|CREDENTIAL|JWT|_KEY$|^KEY$|SALT",
    re.IGNORECASE,
)
"""An environment variable holding a secret: `JWT_SECRET`, `DB_PASSWORD`, `STRIPE_API_KEY`, `SIGNING_KEY`."""
ENV_NOT_SECRET = lazy_re(
    r"_ID$|_URL$|_URI$|_HOST$|_PORT$|_PATH$|_FILE$|_NAME$|KEY_ID|PUBLIC|_TTL$|_EXPIR|_ALGORITHM$|_ALG$|"
    r"_LENGTH$|_HEADER$|_ISSUER$|_AUDIENCE$|_REGION$|_TIMEOUT$|_ENABLED$|_FIELD$|_COOKIE_NAME$|_TTL_|"
    r"_(?:HOURS|MINUTES|SECONDS|DAYS|MINS|SECS|MS)$",
    re.IGNORECASE,
)


def env_secret(name: str) -> bool:
    return bool(ENV_SECRET.search(name)) and not ENV_NOT_SECRET.search(name)


_WORDS = lazy_re(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_LOGGED = frozenset({
    "password", "passwd", "passphrase", "secret", "token", "apikey", "credential", "credentials",
    "authorization", "cookie", "cookies", "privatekey", "accesskey", "secretkey", "clientsecret", "otp",
    "jwt", "bearer", "sessionkey", "pin", "cvv", "ssn", "cvc", "cvv2", "tin", "itin",
})
_PAIRS = frozenset({("api", "key"), ("private", "key"), ("access", "key"), ("secret", "key"),
                    ("client", "secret"), ("session", "key"), ("auth", "header"), ("signing", "key"),
                    ("refresh", "token"), ("access", "token"), ("id", "token")})
_LAST_NOT_SECRET = frozenset({
    "id", "ids", "type", "count", "len", "length", "url", "uri", "name", "path", "file", "expiry", "expires",
    "at", "ttl", "header", "field", "index", "prefix", "format", "present", "valid", "digest", "required",
    "confirmation_sent", "changed", "reset", "sent", "hint", "policy", "strength", "error", "errors",
    "expired", "missing", "invalid", "label", "param", "params", "key_id", "version", "kind", "size",
})


def words(name: str) -> list[str]:
    return [w.lower() for part in re.split(r"[_\-.$\s\[\]:\"'@?!]+", name) for w in _WORDS.findall(part)]


_REGULATED = frozenset({("tax", "id"), ("national", "id"), ("passport", "number"), ("card", "number"),
                        ("security", "number"), ("tax", "number"), ("tax", "identifier")})
"""Regulated identifiers whose last word alone says nothing (`tax_id`, `cardNumber`, `passport_number`,
`social_security_number`): PCI DSS and privacy law keep them out of logs as they do a password."""


def logged_secret(name: str) -> bool:
    """Does a value named `name` (`password`, `user.apiKey`, `auth_token`, `Authorization`, `payee.tin`,
    `taxId`) hold a secret or a regulated identifier? Not names about a secret (`token_expires_at`,
    `password_length`) and not upper-case constants."""
    last = re.split(r"[.\[\]]", name.strip(" .[]"))[-1].strip("\"':@")
    if not last or last.isupper():
        return False
    parts = words(last)
    if len(parts) > 1 and (parts[-2], parts[-1]) in _REGULATED:
        return True
    if not parts or parts[-1] in _LAST_NOT_SECRET:
        return False
    if parts[-1] in _LOGGED:
        return True
    return len(parts) > 1 and (parts[-2], parts[-1]) in _PAIRS  # `api_key`, not `api_key_roles`


_SETTING_WORDS = lazy_re(
    r"(?i)(?:^|_)(?:rate|limits?|per|max|min|count|size|enabled|policy|length|issuer)(?:_|$)"
)
"""Words of a setting about secrets rather than a secret (`reset_password_per_user`, `token_max_age`)."""


def config_key_secret(name: str) -> bool:
    """A configuration key or variable that names a secret: `app.jwt.secret`, `JWT_SECRET`,
    `security.jwt.tokenSigningKey`; not `jwt.tokenIssuer` or `rate_limits.reset_password_per_user`."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace(".", "_").replace("-", "_")
    return env_secret(snake) and not _SETTING_WORDS.search(snake)

