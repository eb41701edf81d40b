"""JAVA-SECURITY-MATCHER-SHADOWED: a Spring Security rule that an earlier, broader matcher hides, in code
written for these tests."""

from __future__ import annotations

from .helpers import findings_of

RULE = "JAVA-SECURITY-MATCHER-SHADOWED"
PATH = "src/main/java/com/acme/config/SecurityConfig.java"


def _chain(*rules: str) -> str:
    body = "".join(f"                {rule}\n" for rule in rules)
    return ("class SecurityConfig {\n"
            "    SecurityFilterChain api(HttpSecurity http) throws Exception {\n"
            "        http.authorizeHttpRequests(auth -> auth\n"
            f"{body}"
            "                .anyRequest().denyAll());\n"
            "        return http.build();\n"
            "    }\n"
            "}\n")


def _lines(code: str) -> list[int]:
    return sorted(line for line, rule in findings_of(PATH, code) if rule == RULE)


def test_ant_patterns_cover_the_paths_they_match_whatever_fills_the_wildcards() -> None:
    # imported here, not at collection: a check module imported before the registry loads it is recorded
    # without its module name, which `tests/checks_runner/test_prefilter_table.py` would then see
    from persona_review.checks.java_security_matcher_shadowed import _covers

    assert _covers("/api/**", "/api/admin/refunds/**")
    assert _covers("/api/**", "/api")
    assert _covers("/shipments/*", "/shipments/{id}")
    assert _covers("/orders/{id}/**", "/orders/{orderId}/lines/*")
    assert not _covers("/shipments/*", "/shipments/**")  # `*` is one segment, `**` several
    assert not _covers("/api/admin/**", "/api/**")
    assert not _covers("/api/v?/items", "/api/v10/items")


def test_a_specific_rule_after_a_broad_one_is_reported_on_its_line() -> None:
    code = _chain('.requestMatchers("/internal/**").authenticated()',
                  '.requestMatchers("/internal/payouts/approve").hasAuthority("payouts:approve")')
    assert _lines(code) == [5]


def test_specific_rules_first_or_the_same_grant_are_fine() -> None:
    assert _lines(_chain('.requestMatchers("/internal/payouts/approve").hasAuthority("payouts:approve")',
                         '.requestMatchers("/internal/**").authenticated()')) == []
    assert _lines(_chain('.requestMatchers("/docs/**").permitAll()',
                         '.requestMatchers("/docs/openapi.json").permitAll()')) == []


def test_a_method_limited_rule_hides_only_rules_for_the_same_method() -> None:
    get_only = _chain('.requestMatchers(HttpMethod.GET, "/stock/**").permitAll()',
                      '.requestMatchers("/stock/adjustments/**").hasRole("WAREHOUSE")')
    assert _lines(get_only) == []
    same = get_only.replace('.requestMatchers("/stock/adjustments/**")',
                            '.requestMatchers(HttpMethod.GET, "/stock/adjustments/**")')
    assert _lines(same) == [5]


def test_old_style_ant_matchers_and_one_hidden_path_among_several_not_hidden() -> None:
    old = _chain('.antMatchers("/admin/**").hasRole("ADMIN")',
                 '.antMatchers("/admin/metrics").permitAll()')
    assert _lines(old) == [5]
    partly = _chain('.requestMatchers("/reports/**").authenticated()',
                    '.requestMatchers("/reports/export", "/billing/export").hasRole("FINANCE")')
    assert _lines(partly) == []
