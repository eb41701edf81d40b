"""The persona text the model gets: a persona file reduced to its reviewing perspective.

A native persona (written for this tool) is sent as written. A persona file written for another agent
tool carries material that means nothing here or contradicts the review instructions: tool and MCP server
preferences, editor tools, CLI flags, agent phases and workflows, activation triggers, product names,
service-level targets, and directives to an author ("document in OpenAPI", "write tests"). What is kept is
its perspective: who the reviewer is, its priorities, and its principles and checklists, each restated as
a question to ask of the change. `persona-review persona FILE --prompt` prints the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.lazy_re import lazy_re
from persona_review.persona import Persona

MAX_QUESTIONS = 60
MAX_VIEWS = 8
MAX_VIEW_CHARS = 300
_VIEW = "\x00view:"

# Sections whose heading names one of these are about the other tool, not about reviewing code.
_DROP_SECTION = lazy_re(
    r"\b(mcp|tools?|orchestration|integrations?|flags?|commands?|cli|activation|triggers?|workflows?"
    r"|phases?|collaborations?|communication|response patterns?|examples?|example influence"
    r"|success metrics|metrics|when this persona applies|context (indicators|clues)|manual|auto|modes?"
    r"|subagents?|agents?|delegat\w*|handoffs?|output|templates?|technology assessment|budgets?|targets?"
    r"|uptime|monitoring|observability|logging strategy|deployment|devops|documentation|testing"
    r"|decision (tree|framework)|rest vs graphql|versioning strategy|architectural|code patterns"
    r"|thinking mode|priority (order|hierarchy)|technology expertise|stack|technolog\w*|core competencies"
    r"|specializations?"
    r"|rationale|backup|recovery)\b",
    re.IGNORECASE,
)
# Lines naming tools, products, flags or agent machinery are dropped wherever they appear.
_DROP_LINE = lazy_re(
    r"\bMCP\b|Context7|Playwright|\bSequential\b|\bMagic\b|Claude|Anthropic|\bGPT\b|Copilot|Cursor\b"
    r"|\bRead\b.*\bGrep\b|\bMultiEdit\b|\bEdit\b,|\bBash\b|\bGlob\b|allowed[- ]tools|\bCLI\b|\bgh\b"
    r"|(^|\s)--[a-z][\w-]+|(^|\s)/[a-z][\w-]+\b|(^|\s)@[a-z][\w-]+|subagent|\bagent\b|\bpersona\b"
    r"|\bphase\b|\bmode\b|activat\w+|trigger\w*|auto-invoke|\bskill\b|slash command",
    re.IGNORECASE,
)
# Directives to an author that a code review must not turn into style or process remarks.
_DROP_DIRECTIVE = lazy_re(
    r"\bdocument\w*|\bcomments?\b|runbooks?|\btests?\b|\btesting\b|dashboards?|openapi|swagger|readme"
    r"|clean architecture|\bsolid\b|naming|\bstyle\b|formatting|alerting|compliance|gdpr|hipaa|soc ?2"
    r"|\d+(\.\d+)?\s*%|<\s*\d+\s*(ms|s|min|minutes|hours)\b|hours/year|learning curve|team\b"
    r"|measure before|cache strategically|performance tuning|scalability planning|plan\b|monitor\w*"
    r"|backups?\b|\baudits?\b|assessments?|security reviews|security updates|failover|disaster recovery"
    r"|high availability",
    re.IGNORECASE,
)
_HEADING = lazy_re(r"^(#{1,6})\s+(.*)$")
_BULLET = lazy_re(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_LABEL = lazy_re(r"^\*\*(.+?)\*\*\s*:?\s*(.*)$")
_LABELS_DROPPED = lazy_re(r"^(role|mindset|focus|priority|priorities|priority hierarchy|specializations?"
                             r"|expertise|domain expertise|identity)$", re.IGNORECASE)
_VERBS = ("implement", "ensure", "use", "apply", "maintain", "follow", "validate", "design",
          "include", "return", "log", "check", "enforce", "prefer", "avoid", "keep", "wrap", "handle",
          "sanitize", "encrypt", "protect", "verify", "limit", "bound", "isolate", "prevent", "reject",
          "store", "hash", "require", "set", "close", "release", "retry", "guard", "escape", "parameterize",
          "authenticate", "authorize", "index", "paginate")
_NEGATIVE_HEADING = lazy_re(r"anti-?patterns?|reject|avoid|never|don'?t|pitfalls?", re.IGNORECASE)


def persona_prompt_text(persona: Persona) -> str:
    """The persona part of the system prompt: a native persona's body as written; for a foreign persona
    file, its perspective only (see the module doc)."""
    if persona.format == "native":
        return persona.body.strip() or persona.description or f"You are the {persona.name} reviewer."
    out = [f"You review this change as a senior engineer. Your role, in the persona's words: "
           f"{_role(persona)}."]
    if persona.priorities:
        out.append(f"Your priorities, highest first: {', '.join(persona.priorities)}. When two conflict, "
                   "the higher one wins, and a finding says what was traded.")
    found = list(dict.fromkeys(_questions(persona.body)))
    views = [text for text in found if text.startswith(_VIEW)][:MAX_VIEWS]
    questions = [text for text in found if not text.startswith(_VIEW)][:MAX_QUESTIONS]
    if views:
        out += ["", "## How this reviewer sees a change", ""]
        out += [text.removeprefix(_VIEW) for text in views]
    if questions:
        out += ["", "## Questions this reviewer asks of a change",
                "Each is a question about the changed code; report only where the change gets it wrong.",
                ""]
        out += [f"- {q}" for q in questions]
    return "\n".join(out)


def _role(persona: Persona) -> str:
    """Who the reviewer is, from the description's first sentences that are about the role."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(persona.description.split())):
        clean = re.sub(r"\([^)]*\bMODE\b[^)]*\)", "", sentence).strip()
        if not clean or _DROP_LINE.search(clean) or re.match(
                r"(use|do not|don't|always|never|reject|" + "|".join(_VERBS) + r")\b", clean, re.IGNORECASE):
            continue
        kept.append(re.sub(r"^act as an? ", "a ", clean.rstrip("."), flags=re.IGNORECASE))
        if len(kept) == 2 or len(clean) > 60:
            break
    name = re.sub(r"^persona[-_ ]|[-_ ]persona$", "", persona.name, flags=re.IGNORECASE)
    role = "; ".join(kept) or f"the {name} reviewer"
    return _lower(role)


def _questions(body: str) -> Iterator[str]:
    dropped_level = 0
    heading = ""
    in_fence = False
    for raw in body.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            quoted = line.strip().strip('"').strip()
            if quoted.endswith("?") and dropped_level == 0 and not _DROP_LINE.search(quoted):
                yield quoted
            continue
        match = _HEADING.match(line)
        if match:
            level = len(match.group(1))
            if dropped_level and level > dropped_level:
                continue
            # The title (level 1) names the file, not a section: it never drops the whole body.
            dropped_level = level if level > 1 and _DROP_SECTION.search(match.group(2)) else 0
            heading = match.group(2)
            continue
        if dropped_level:
            continue
        bullet = _BULLET.match(line)
        if line.lstrip().startswith(("|", ">", "**", "<", "!")):
            continue
        if bullet is None:
            view = _as_view(line.strip())
            if view is not None:
                yield _VIEW + view
            continue
        question = _as_question(bullet.group(1).strip(), heading)
        if question is not None:
            yield question


def _as_question(text: str, heading: str) -> str | None:
    """A bullet as a review question, or None when it is tool, product, target or author-process talk."""
    if not text or _DROP_LINE.search(text) or _DROP_DIRECTIVE.search(text):
        return None
    label = ""
    labelled = _LABEL.match(text)
    if labelled:
        label, text = labelled.group(1).strip().rstrip(":"), labelled.group(2).strip()
        if _LABELS_DROPPED.match(label):
            return None
    text = text.replace("**", "").replace("`", "").strip().rstrip(".;:")
    if not text:
        return None
    if text.endswith("?"):
        return text
    words = text.split()
    first = words[0].lower()
    rest = " ".join(words[1:])
    if first == "no" and rest:
        return f"Are there {rest} in the change? There must be none."
    if first in ("never", "don't", "do") and rest:
        body = rest[4:] if first == "do" and rest.lower().startswith("not ") else rest
        return f"Does the change {_lower(body)}? It must not."
    if first == "always" and rest:
        return f"Does the change {_lower(rest)}?"
    if first in _VERBS:
        return f"Does the change {first} {rest}?".replace(" ?", "?")
    if _NEGATIVE_HEADING.search(heading):
        return f"Does the change introduce {_lower(text)}?"
    if label:
        return f"{label}: does the change get this right: {_lower(text)}?"
    return f"Does the change get this right: {_lower(text)}?"


def _as_view(text: str) -> str | None:
    """A plain sentence of the persona's own outlook, or None for tool, product or author-process talk."""
    if len(text) < 20 or _DROP_LINE.search(text) or _DROP_DIRECTIVE.search(text):
        return None
    clean = text.replace("**", "").replace("`", "").strip()
    if re.match(r"(use|do not|don't|" + "|".join(_VERBS) + r")\b", clean, re.IGNORECASE):
        return None  # a directive to an author, not an outlook
    return clean[:MAX_VIEW_CHARS]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
