"""Go: an HTTP response whose body is decoded while nothing looks at its status code.

    resp, err := client.Do(req)
    if err != nil { return err }
    defer resp.Body.Close()
    return json.NewDecoder(resp.Body).Decode(&out)   // a 500's error JSON decodes into `out`

`net/http` returns 4xx and 5xx answers with a nil error. Reported: `resp, err := <client call>`
(`http.Get`/`Post`/`PostForm`/`Head`, `Do`/`Get`/`Post` on a client) whose body the following lines of
its block decode or read whole (`json`/`xml.NewDecoder(resp.Body)`, `io.ReadAll(resp.Body)`) while none
looks at `resp.StatusCode` or `resp.Status` or hands `resp` on whole (to a call, a `return`), and no
`if` tests a field of what the body was decoded into (`if !r.Success`: the answer's own verdict).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._http_status import Rules, read_end, unchecked
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RULES = Rules(
    stored=lazy_re(
        r"^\s*(?P<name>[A-Za-z_]\w*)\s*,\s*(?:err|_|\w+)\s*:?=\s*"
        r"(?P<call>http\.(?:Get|Post|PostForm|Head)|(?:[\w.]*[cC]lient|http\.DefaultClient)\.(?:Do|Get|Post|PostForm))"
        r"\s*\("
    ),
    read=r"(?:json|xml)\.NewDecoder\(\s*{name}\.Body\s*\)|(?:io|ioutil)\.ReadAll\(\s*{name}\.Body\s*\)",
    status=r"(?<![\w.]){name}\.(?:StatusCode|Status)\b",
    decoded=r"(?:Decode|Unmarshal)\(\s*(?:[\w.]+\s*,\s*)?&(?P<target>\w+)\s*\)",
)


@register(
    CheckSpec(
        id="GO-HTTP-STATUS-UNCHECKED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="HTTP response body used without checking its status code",
        explanation=(
            "`net/http` returns 4xx and 5xx answers with a nil error, so decoding the body as the data reads "
            "an error page or error object into the result: zero values or wrong data, and no error. Check "
            "`if resp.StatusCode != http.StatusOK { ... }` (or `>= 300`) before reading the body."
        ),
    ),
    needs=("Body",),
)
def go_status_unchecked(ctx: FileContext) -> Iterator[Hit]:
    for found in unchecked(lex(ctx), _RULES):
        yield Hit(found.line, read_end(found.line, found.read_line), message=(
            f"Line {found.read_line} reads `{found.name}.Body` from `{found.call}(...)`, and nothing before "
            f"it looks at `{found.name}.StatusCode`."))
