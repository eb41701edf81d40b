"""JAVA-ADMIN-ROUTE-ANONYMOUS: a write handler of an admin-looking controller or path that the change marks
`@PermitAll` / `IS_ANONYMOUS` / `permitAll()`; quiet on reads, on handlers public by nature and on ordinary
controllers."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "JAVA-ADMIN-ROUTE-ANONYMOUS"

MICRONAUT = """package com.acme.admin;

@Controller("/admin/support")
@Secured("ROLE_SUPPORT")
public class ImpersonationController {
    @Post("/impersonate")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Token> impersonate(@Body ImpersonateRequest req) {
        return HttpResponse.ok(support.issue(req.userId()));
    }
}
"""


def _lines(path: str, text: str) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


def test_an_admin_write_opened_to_anonymous_callers_is_reported() -> None:
    assert _lines("src/main/java/com/acme/admin/ImpersonationController.java", MICRONAUT) == [7]


@pytest.mark.parametrize(("old", "new"), [
    ("    @Secured(SecurityRule.IS_ANONYMOUS)\n", "    @PermitAll\n"),
    ("    @Post(\"/impersonate\")\n    @Secured(SecurityRule.IS_ANONYMOUS)\n",
     "    @PostMapping(\"/impersonate\")\n    @PreAuthorize(\"permitAll()\")\n"),
    ("    @Post(\"/impersonate\")\n", "    @POST\n    @Path(\"/impersonate\")\n"),
])
def test_other_frameworks_markers_and_routes(old: str, new: str) -> None:
    text = MICRONAUT.replace(old, new)
    assert len(_lines("src/main/java/com/acme/admin/ImpersonationController.java", text)) == 1


@pytest.mark.parametrize(("old", "new"), [
    ("    @Post(\"/impersonate\")\n", "    @Get(\"/impersonate\")\n"),  # a read
    ("@Controller(\"/admin/support\")", "@Controller(\"/support\")"),  # not privileged
    ("@Controller(\"/admin/support\")", "@Controller(\"/admin/password-reset\")"),  # public by nature
    ("    @Secured(SecurityRule.IS_ANONYMOUS)\n", "    @Secured(\"ROLE_ADMIN\")\n"),  # guarded
])
def test_quiet_look_alikes(old: str, new: str) -> None:
    text = MICRONAUT.replace(old, new).replace("ImpersonationController", "SupportController").replace(
        "impersonate(", "issue(").replace("/impersonate", "/tickets")
    assert _lines("src/main/java/com/acme/admin/SupportController.java", text) == []
