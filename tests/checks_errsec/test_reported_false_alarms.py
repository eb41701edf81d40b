"""False alarms seen on real pull requests: each stays clean, and its real counterpart is still flagged."""

from __future__ import annotations

from .helpers import findings_of

_SUBTESTS = """\
package store

func TestPurge(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check(t, tc)
		})
	}
	t.Run("empty", func(t *testing.T) {})
	cmd.Run()
}
"""


def test_a_go_subtest_is_not_an_unchecked_error_but_a_command_run_is() -> None:
    got = findings_of("internal/store/purge.go", _SUBTESTS)
    assert {line for line, rule in got if rule == "GO-ERR-UNCHECKED"} == {10}


_HANDLERS = """\
const express = require("express");

function load(id) {
  fetchUser(id).catch(function (error) {
    metrics.increment("fetch_user_failed");
  });
  fetchUser(id).then(render, function (err) {
    render(null);
  });
  fs.readFile(path, function (err, data) {
    render(data);
  });
}
"""


def test_a_promise_rejection_handler_is_not_a_node_callback_but_a_callback_is() -> None:
    got = findings_of("src/routes/users.js", _HANDLERS)
    assert {line for line, rule in got if rule == "JS-CALLBACK-ERR-IGNORED"} == {10}


_MASKS = """\
const shown = { ...user, password: "***" };
const token = "[REDACTED]";
const apiKey = "•••••";
const password = "hunter2-prod";
"""


def test_a_mask_or_redaction_is_not_a_password_but_a_real_value_is() -> None:
    got = findings_of("src/users.js", _MASKS)
    assert {line for line, rule in got if rule == "ANY-HARDCODED-PASSWORD"} == {4}


_HEADER_NAMES = """\
package web

const csrfHeaderToken = "X-CSRF-Token"
const angularToken, proxyAuthKey = "X-XSRF-TOKEN", "Proxy-Authorization-Key"
var refreshToken = "SHARED-SECRET-2024"

func routes(e *echo.Echo) {
	e.Use(middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup: "header:" + echo.HeaderXCSRFToken,
	}))
}

var jwtSecret = []byte("s3cr3t-Signing!")
"""


def test_a_header_name_or_token_lookup_is_not_a_secret_but_a_key_is() -> None:
    got = findings_of("internal/web/routes.go", _HEADER_NAMES)
    assert {line for line, rule in got if rule.startswith("ANY-HARDCODED")} == {5, 13}


_GO_ENUMS = """\
package model

type SecretChange string

const (
	SecretChangeNone    SecretChange = ""
	SecretChangeAdd     SecretChange = "add"
	SecretChangeRotate  SecretChange = "rotate"
	SecretChangeRevoke  SecretChange = "revoke"
)

const (
	RotateSecretOnLogin  = "on_login"
	RotateSecretOnLogout = "on_logout"
	RotateSecretNever    = "never"
)

const (
	DefaultUser     = "operator"
	DefaultPassword = "Pa55-operator"
	DefaultHost     = "localhost"
)

var flagNames = map[string]string{
	"session-token-expiration-time": "sessionTokenExpirationTime",
	"secret-rotation-interval":      "secretRotationInterval",
}
"""
"""Enum values named for themselves (a kind of credential, when a secret rotates), and a table from flag
names to setting names; the default password among the other defaults is a credential."""


def test_go_enum_labels_and_duration_settings_are_not_passwords_but_a_default_is() -> None:
    got = findings_of("internal/model/credentials.go", _GO_ENUMS)
    assert {line for line, rule in got if rule == "ANY-HARDCODED-PASSWORD"} == {20}


def test_a_group_of_two_labels_is_not_yet_an_enum() -> None:
    text = 'package model\n\nconst (\n\tAuthToken = "token"\n\tAuthSecret = "secret"\n)\n'
    got = findings_of("internal/model/auth.go", text)
    assert {line for line, rule in got if rule == "ANY-HARDCODED-PASSWORD"} == {4, 5}


_PY_NOT_SECRETS = """\
class SecretKind(models.TextChoices):
    PASSWORD = "password", _("Password")
    SSH_KEY = "ssh_key", _("SSH key")


class CredentialViewSet(viewsets.ModelViewSet):
    rbac_perms = {
        "reveal_secret": "vault.view_credentialsecret",
        "rotate_token": "vault.change_credential",
    }


AUTH_BACKEND_API_TOKEN = "authentication.backends.token.ApiTokenBackend"
ERRORS = {"missing-input-secret": "The secret parameter was not sent with the request."}
masked_secret = "*" * 12
ftp.pwd = "."
token_protocol = "rdp"
password_strategy = "email"
DEFAULT_PASSWORD = "changeme-2024"
"""
"""Choices named for themselves, permission and class paths, prose, a mask, the FTP working directory and
modes of a secret; only the default password is one."""


def test_python_choices_paths_prose_and_modes_are_not_passwords_but_a_default_is() -> None:
    got = findings_of("apps/vault/views.py", _PY_NOT_SECRETS)
    assert {line for line, rule in got if rule == "ANY-HARDCODED-PASSWORD"} == {19}


_JS_NOT_SECRETS = """\
console.log(result.pass ? "PASS" : "FAIL");
const access = page.passwordProtected ? "password" : "public";
if (privateKey !== "your-value") { configure(privateKey); }
const apiToken = `tok_${randomBytes(24).toString("hex")}`;
const cacheKey = `session:token:${userId}`;
const link = new HttpLink({ uri, "fetch.credentials": "include", credentials: "same-origin" });
if (typeof (settings as { botToken: unknown }).botToken === "string") { start(); }
const anonymous = { token: "__dummy_session_token__" };
const signingSecret = "whsec_live_9f8a7b6c5d";
"""
"""Ternary answers, a placeholder, tokens made at run time, fetch's credentials mode, a typeof test and a
dummy; only the webhook signing secret is written into the code."""


def test_js_ternaries_templates_and_modes_are_not_secrets_but_a_literal_is() -> None:
    got = findings_of("src/server/setup.ts", _JS_NOT_SECRETS)
    assert {line for line, rule in got if rule == "ANY-HARDCODED-PASSWORD"} == {9}
