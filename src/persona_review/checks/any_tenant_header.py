"""A tenant (organization, account, workspace) id taken from a request header in place of the signed-in
user's own, in any language.

    def _tenant_id():
        return request.headers.get("X-Tenant-Id") or g.user.tenant_id      # Flask
    const orgId = req.get('x-org-id') ?? req.user.orgId;                   // Express
    tenant := r.Header.Get("X-Tenant-ID"); if tenant == "" { tenant = user.TenantID }   // Go

The code knows whose data the caller may see (the user's tenant), yet lets a header the caller writes
choose another: any signed-in user reads or changes another tenant's data by sending `X-Tenant-Id`. Reported
on the header read when the same statement, or the next few lines, fall back to (or compare nothing with)
the signed-in user's own tenant attribute; quiet when that attribute is checked against the header (an
`if`/`!=`/`==` test, a membership check), which is how a user who belongs to several tenants picks one.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SCOPE = r"(?:tenant|org|organi[sz]ation|account|workspace|company|team)"
_HEADER_READ = lazy_re(
    rf"""(?i)(?:header|META|getHeader|\.get\s*\()[^\n]*["'](?:x-|HTTP_X_)?{_SCOPE}[-_]?id["']""")
"""A request header named for the caller's tenant: `request.headers.get("X-Tenant-Id")`,
`req.get('x-org-id')`, `r.Header.Get("X-Tenant-ID")`, `request.getHeader("X-Account-Id")`."""
_OWN_SCOPE = lazy_re(
    rf"(?i)\b(?:g\.user|current_user|request\.user|req\.user|ctx\.state\.user|user|principal|claims|session)"
    rf"\s*(?:\.|\[\s*['\":]?)\s*(?:get)?{_SCOPE}_?id\b")
"""The signed-in user's own tenant: `g.user.tenant_id`, `req.user.orgId`, `user.TenantID`,
`principal.getTenantId()`, `session[:account_id]`."""
_CHECKED = lazy_re(r"!=|==|\bnot in\b|\bin\b|\binclude\?|\bcontains\b|\bincludes\(|\bequals\(|\bif\b")
"""The header compared with what the user may see: a choice among the user's tenants, checked."""
_EMPTINESS = lazy_re(
    r"""[!=]==?\s*(?:null|nil|None|undefined|""|'')\b|(?:\bnull|\bnil|\bNone|\bundefined|""|'')\s*[!=]==?"""
    r"|\bis\s+(?:not\s+)?None\b")
"""A test of whether the header was sent at all (`tenantHeader != null ? tenantHeader : own`): the fallback,
not a check of the value."""
_MEMBERSHIP = lazy_re(
    rf"(?i)(?:{_SCOPE}_?ids|{_SCOPE}s|{_SCOPE}_?memberships?|memberships?)\b"
    rf"|\b(?:is_)?member(?:_of)?\??\s*\(|\bcan_access\w*\s*\(|\bhas_access\w*\s*\(")
"""The caller's tenants, or a helper that asks whether the caller belongs to one (`g.user.tenant_ids`,
`user.organizations`, `current_user.member_of?(...)`)."""
_NEAR = 3


@register(
    CheckSpec(
        id="ANY-TENANT-FROM-HEADER",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "go", "java", "ruby"}),
        title="Tenant id taken from a request header instead of the signed-in user's",
        explanation=(
            "The caller writes its own headers, so a tenant id read from one lets any signed-in user "
            "reach another tenant's data. Use the tenant of the authenticated user (or of the verified "
            "token); if a user may belong to several, check the requested one against their memberships."
        ),
    ),
    folded=("tenant", "org", "account", "workspace", "company", "team"),
)
def tenant_from_header(ctx: FileContext) -> Iterator[Hit]:
    code = lex(ctx).code
    for no in sorted(code):
        if no not in ctx.added or not _HEADER_READ.search(code[no]):
            continue
        near = [code.get(n, "") for n in range(no, no + _NEAR + 1)]
        own = next((text for text in near if _OWN_SCOPE.search(text)), None)
        if own is None or any(_CHECKED.search(_EMPTINESS.sub(" ", text)) for text in near
                              if _OWN_SCOPE.search(text) or _MEMBERSHIP.search(text)):
            continue
        yield Hit(no, None, (
            "The tenant id comes from a header the caller writes, with the signed-in user's own tenant only "
            "as a fallback: any user picks another tenant by sending the header. Use the user's tenant, or "
            "check the requested one against the user's memberships."))
