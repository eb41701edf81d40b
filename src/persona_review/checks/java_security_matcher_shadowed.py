"""JAVA-SECURITY-MATCHER-SHADOWED: a Spring Security request rule that an earlier, broader rule hides.

    .requestMatchers("/api/**").authenticated()
    .requestMatchers("/api/admin/refunds/**").hasRole("ADMIN")

Spring Security tries the rules of `authorizeHttpRequests` (`authorizeRequests`, WebFlux's
`authorizeExchange`) in the order they are written and applies the first one whose matcher matches. A rule
whose every path an earlier rule already matches never applies: above, any signed-in user reaches the admin
refunds, because `/api/**` answers first. Reported on an added rule when an earlier rule of the same chain
matches all of its paths (for all of its HTTP methods) and grants something else. Paths are Ant/PathPattern
patterns (`**`, `*`, `?`, `{id}`); regex matchers and custom request matchers are not judged. The chain is
read as the run of consecutive `.requestMatchers(...)`/`.antMatchers(...)`/`.mvcMatchers(...)`/
`.pathMatchers(...)` lines, each with its access rule on the same line, so a hunk that starts inside the
`authorizeHttpRequests` block is read as well as a whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RULE_LINE = lazy_re(
    r"^\s*\.?(?:requestMatchers|antMatchers|mvcMatchers|pathMatchers)\s*\((?P<args>[^()]*)\)\s*"
    r"\.\s*(?P<access>permitAll|authenticated|fullyAuthenticated|anonymous|rememberMe|denyAll|hasRole|"
    r"hasAnyRole|hasAuthority|hasAnyAuthority|access|hasIpAddress|not)\s*(?P<rest>\(.*)$"
)
_OTHER_LINE = lazy_re(r"^\s*(?://.*|/?\*.*|\.anyRequest\(\).*|\.anyExchange\(\).*|)$")
"""Lines a chain of rules may hold between two rules: comments, blank lines, the final catch-all."""
_PATH = lazy_re(r'"([^"]*)"')
_METHOD = lazy_re(r"\bHttpMethod\s*\.\s*([A-Z]+)\b")


@dataclass(frozen=True, slots=True)
class _Rule:
    line: int
    paths: tuple[str, ...]
    method: str
    """The HTTP method the rule is limited to; "" for every method."""
    grant: str


@register(
    CheckSpec(
        id="JAVA-SECURITY-MATCHER-SHADOWED",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Spring Security rule hidden by an earlier, broader matcher",
        explanation=(
            "Spring Security applies the first request rule whose matcher matches, in the order they are "
            "written. A rule for paths an earlier rule already covers never applies, so the access it asks "
            "for (a role, an authority, `denyAll`) is not enforced. Put the specific rules before the broad "
            "ones."
        ),
    ),
    needs=("Matchers(",),
)
def matcher_shadowed(ctx: FileContext) -> Iterator[Hit]:
    for chain in _chains(ctx):
        for index, rule in enumerate(chain):
            if rule.line not in ctx.added:
                continue
            for earlier in chain[:index]:
                if earlier.grant != rule.grant and _hides(earlier, rule):
                    path = rule.paths[0]
                    yield Hit(rule.line, None, (
                        f'The rule for `"{path}"` never applies: the earlier rule for '
                        f'`"{_hider(earlier, path)}"` on line {earlier.line} matches these paths first, so '
                        f"`{rule.grant}` is not enforced here."))
                    break


def _chains(ctx: FileContext) -> Iterator[list[_Rule]]:
    chain: list[_Rule] = []
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        match = _RULE_LINE.match(text)
        if match:
            if chain and no - chain[-1].line > 8:
                yield chain
                chain = []
            rule = _rule(no, match)
            if rule is not None:
                chain.append(rule)
            continue
        if not _OTHER_LINE.match(text) and chain:
            yield chain
            chain = []
    if chain:
        yield chain


def _rule(no: int, match: re.Match[str]) -> _Rule | None:
    args = match.group("args")
    paths = tuple(_PATH.findall(args))
    if not paths or not all(path.startswith("/") for path in paths):
        return None  # a custom `RequestMatcher`, a constant, or a regex
    method = _METHOD.search(args)
    grant = match.group("access") + _bracketed(match.group("rest"))
    return _Rule(no, paths, method.group(1) if method else "", grant)


def _bracketed(text: str) -> str:
    """The first bracketed group of `text`, which opens with its bracket (`("ADMIN")` of
    `("ADMIN"))`), without spaces."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return re.sub(r"\s+", "", text[: i + 1])
    return re.sub(r"\s+", "", text)


def _hides(earlier: _Rule, later: _Rule) -> bool:
    if earlier.method and earlier.method != later.method:
        return False
    return all(any(_covers(hider, path) for hider in earlier.paths) for path in later.paths)


def _hider(earlier: _Rule, path: str) -> str:
    return next(hider for hider in earlier.paths if _covers(hider, path))


def _covers(pattern: str, path: str) -> bool:
    """Does the Ant pattern `pattern` match every request path that `path` matches? Tried on samples of
    `path`: each wildcard of it filled both shortly and deeply."""
    regex = _pattern_regex(pattern)
    return all(regex.fullmatch(sample) for sample in _samples(path))


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("/**", i):
            out.append(r"(?:/.*)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(r".*")
            i += 2
        elif pattern[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append(r"[^/]")
            i += 1
        elif pattern[i] == "{":
            end = pattern.find("}", i)
            out.append(r"[^/]+" if end > 0 else re.escape(pattern[i:]))
            i = end + 1 if end > 0 else len(pattern)
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _samples(path: str) -> list[str]:
    shallow = path.replace("/**", "").replace("**", "x").replace("*", "x").replace("?", "x")
    deep = path.replace("**", "x/y/z").replace("*", "x").replace("?", "x")
    shallow = re.sub(r"\{[^}]*\}", "v", shallow) or "/"
    deep = re.sub(r"\{[^}]*\}", "v", deep)
    return [shallow, deep]
