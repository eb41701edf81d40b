"""ANY-TENANT-FROM-HEADER: a tenant id read from a request header with the signed-in user's own tenant only as
a fallback; quiet when the header is checked against the user's tenants or no own tenant is in sight."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "ANY-TENANT-FROM-HEADER"

FLASK = """from flask import g, request


def _tenant_id():
    return request.headers.get("X-Tenant-Id") or g.user.tenant_id
"""
EXPRESS = """function orgOf(req) {
  const orgId = req.get('x-org-id') || req.user.orgId;
  return orgId;
}
"""
GO = """package api

func tenantOf(r *http.Request, user *User) string {
	tenant := r.Header.Get("X-Tenant-ID")
	if tenant == "" {
		tenant = user.TenantID
	}
	return tenant
}
"""


def _lines(path: str, text: str) -> list[int]:
    return sorted(no for no, rule in findings_of(path, text) if rule == RULE)


@pytest.mark.parametrize(("path", "text", "line"), [
    ("app/reports/usage.py", FLASK, 5),
    ("src/org.js", EXPRESS, 2),
    ("internal/api/tenant.go", GO, 4),
])
def test_a_header_that_overrides_the_users_own_tenant_is_reported(path: str, text: str, line: int) -> None:
    assert _lines(path, text) == [line]


def test_quiet_when_the_header_is_checked_against_the_users_memberships() -> None:
    text = FLASK.replace('    return request.headers.get("X-Tenant-Id") or g.user.tenant_id\n',
                         '    wanted = request.headers.get("X-Tenant-Id")\n'
                         '    if wanted not in g.user.tenant_ids:\n        abort(403)\n    return wanted\n')
    assert _lines("app/reports/usage.py", text) == []


def test_quiet_on_a_header_read_without_the_users_own_tenant() -> None:
    """A service behind a gateway that sets the header after authenticating: nothing to compare here."""
    text = 'def tenant_of(request):\n    return request.headers["X-Tenant-Id"]\n'
    assert _lines("app/internal.py", text) == []


def test_quiet_on_the_users_tenant_alone() -> None:
    assert _lines("app/reports/usage.py", FLASK.replace('request.headers.get("X-Tenant-Id") or ', "")) == []
