"""`_jwt_by_hand`: a request's JWT split on `.` and its payload base64-decoded with no signature check, in
Java, JavaScript, Python and Go (each language's *-JWT-UNVERIFIED); quiet when a signature is verified
nearby or the token does not come from the request."""

from __future__ import annotations

import pytest

from .helpers import findings_of

JAVA = """public class TenantFilter extends OncePerRequestFilter {
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) {
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            String[] parts = auth.substring(7).split("\\\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            TenantContext.set(claims.path("tenant_id").asText());
        }
        chain.doFilter(req, res);
    }
}
"""
JS = """export function tenantOf(req) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  return claims.tenant_id;
}
"""
PY = """def tenant_of(request):
    token = request.headers["Authorization"].removeprefix("Bearer ")
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    return payload["tenant_id"]
"""
GO = """package auth

func TenantOf(r *http.Request) string {
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	parts := strings.Split(token, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]string
	_ = json.Unmarshal(raw, &claims)
	return claims["tenant_id"]
}
"""
CASES = [
    ("src/main/java/com/acme/web/TenantFilter.java", JAVA, "JAVA-JWT-UNVERIFIED", 5),
    ("src/auth/tenant.js", JS, "JS-JWT-UNVERIFIED", 3),
    ("app/auth.py", PY, "PY-JWT-UNVERIFIED", 3),
    ("internal/auth/tenant.go", GO, "GO-JWT-UNVERIFIED", 5),
]


@pytest.mark.parametrize(("path", "text", "rule", "line"), CASES)
def test_a_request_token_decoded_by_hand_is_unverified(path: str, text: str, rule: str, line: int) -> None:
    assert (line, rule) in findings_of(path, text)


@pytest.mark.parametrize(("path", "text", "rule", "line"), CASES)
def test_quiet_when_the_signature_is_verified_nearby(path: str, text: str, rule: str, line: int) -> None:
    lines = text.splitlines(keepends=True)
    lines.insert(line - 1, "    verifier.verify(token);  // checks the signature\n")
    assert not any(found == rule for _no, found in findings_of(path, "".join(lines)))


def test_quiet_on_a_token_that_does_not_come_from_the_request() -> None:
    text = JS.replace("(req.headers.authorization || '').replace('Bearer ', '')", "session.issuedToken")
    assert not any(rule == "JS-JWT-UNVERIFIED" for _no, rule in findings_of("src/auth/tenant.js", text))


def test_quiet_on_a_version_string_split_on_dots() -> None:
    text = PY.replace('json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))',
                      'int(request.headers["X-Version"].split(".")[1])')
    assert not any(rule == "PY-JWT-UNVERIFIED" for _no, rule in findings_of("app/auth.py", text))
