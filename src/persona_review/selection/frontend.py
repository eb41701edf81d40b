"""Frontend detection: code that runs in the browser, and what only a browser reads.

Recognised by path (components, browser code under static/, public/, assets/, web/, client/, ui/,
frontend/...), by file type (components, stylesheets, markup templates, i18n catalogues, storybook) and by
content (DOM APIs, imports of UI frameworks). Source in a server-side language is never frontend, whatever
directory it sits in, and neither is JS/TS that imports a server framework, ORM or database driver.
"""

from __future__ import annotations

import re

from persona_review.selection.backend import (
    INFRA_DIRS,
    JS_TS,
    SERVER_LANGUAGES,
    server_dir_depth,
    server_import,
)
from persona_review.selection.detectors import Detection, FileFacts

FRONTEND = "frontend"

_COMPONENT_SUFFIXES = (".jsx", ".tsx", ".vue", ".svelte", ".astro")
_STYLE_SUFFIXES = (".css", ".scss", ".sass", ".less", ".styl", ".pcss")
_MARKUP_SUFFIXES = (
    ".html", ".htm", ".erb", ".haml", ".slim", ".hbs", ".handlebars", ".ejs", ".pug", ".njk", ".twig",
    ".jinja", ".jinja2", ".j2", ".liquid", ".mustache", ".html-fragment",
)
_SERVER_TEMPLATE_SUFFIXES = (".blade.php", ".html.twig", ".tpl.php", ".phtml")
"""Templates whose suffix is a server language's: markup nonetheless."""
_ASSET_SUFFIXES = (
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".avif", ".woff", ".woff2", ".ttf", ".eot",
    ".otf", ".mp3", ".mp4", ".webm",
)
_I18N_SUFFIXES = (".po", ".pot", ".mo", ".xliff", ".xlf", ".arb", ".ftl")
_ANGULAR_RE = re.compile(r"\.(?:component|directive|pipe)\.(?:ts|html|css|scss)$")

_BROWSER_DIRS = frozenset(
    {
        "static", "public", "assets", "web", "client", "ui", "frontend", "front-end", "webapp", "www",
        "javascript", "javascripts", "components", "styles", "stylesheets", "css", "scss", "storybook",
        ".storybook", "templates", "views", "pages", "layouts", "email-templates", "emails",
    }
)
_I18N_DIRS = frozenset({"locales", "locale", "lang", "langs", "i18n", "l10n", "translations"})
_I18N_NAME = re.compile(
    r"^(?:messages|strings|.*_[a-z]{2}(?:_[a-z]{2,4})?)\.properties$|^[a-z]{2}(?:[-_][a-z]{2,4})?\.json$"
)

_UI_MODULES = (
    r"react|react-dom(?:/[\w-]+)?|react-router(?:-dom)?|vue|vue-router|pinia|vuex|svelte(?:/[\w-]+)?"
    r"|@angular/[\w-]+|preact(?:/[\w-]+)?|solid-js|lit|@hotwired/[\w-]+|jquery|alpinejs|htmx\.org"
    r"|next/(?:link|router|navigation|image|head|dynamic)|@mui/[\w-]+|@chakra-ui/[\w-]+|@tanstack/react-[\w-]+"
    r"|mobx-react(?:-lite)?|@reduxjs/toolkit|react-redux|@storybook/[\w-]+"
)
_UI_IMPORT = re.compile(rf"""(?:\bfrom\s+|\brequire\(\s*|\bimport\s+)['"]({_UI_MODULES})['"]""")
_DOM_API = re.compile(
    r"\b(?:document\.(?:getElement|querySelector|createElement|body|addEventListener|cookie)"
    r"|window\.(?:location|addEventListener|localStorage|sessionStorage|fetch)|localStorage\.|sessionStorage\."
    r"|\.addEventListener\(|\.querySelector(?:All)?\(|\.innerHTML\b|\.classList\.)"
)


def detect_frontend(facts: FileFacts) -> Detection | None:
    """A Detection saying why the file is frontend, or None."""
    language = facts.language
    name = facts.name
    if name.endswith(_SERVER_TEMPLATE_SUFFIXES):
        return Detection(FRONTEND, "markup template")
    if language in SERVER_LANGUAGES or language in ("sql", "dockerfile", "terraform"):
        return None
    if facts.under(INFRA_DIRS) is not None:
        return None  # Helm's templates/ are manifests, not markup
    if ".stories." in name or facts.under(frozenset({"storybook", ".storybook"})):
        return Detection(FRONTEND, "storybook")
    if name.endswith(_STYLE_SUFFIXES):
        return Detection(FRONTEND, "stylesheet")
    if name.endswith(_COMPONENT_SUFFIXES) or _ANGULAR_RE.search(name):
        return Detection(FRONTEND, f"component {facts.pure.suffix}")
    if name.endswith(_MARKUP_SUFFIXES):
        return Detection(FRONTEND, "markup template")
    if name.endswith(_ASSET_SUFFIXES):
        return Detection(FRONTEND, "static asset")
    i18n = facts.under(_I18N_DIRS)
    if name.endswith(_I18N_SUFFIXES) or (i18n is not None and language in ("json", "yaml", "unknown")):
        return Detection(FRONTEND, f"i18n under {i18n}/" if i18n else "i18n catalogue")
    if language in JS_TS:
        return _browser_js(facts)
    if _I18N_NAME.match(name) and language in ("json", "unknown"):
        return Detection(FRONTEND, "i18n catalogue")
    where = facts.under(_BROWSER_DIRS)
    if where is not None and language in ("json", "unknown"):
        return Detection(FRONTEND, f"under {where}/")
    return None


def _browser_js(facts: FileFacts) -> Detection | None:
    head = facts.head
    if server_import(head) is not None or _next_api_route(facts.dirs):
        return None
    where = facts.under(_BROWSER_DIRS)
    if where is not None:
        server_depth = server_dir_depth(facts.dirs)
        if server_depth is None or facts.dirs.index(where) < server_depth:
            return Detection(FRONTEND, f"browser code under {where}/")
        return None  # `server/emails/x.js`: the server directory is the outer one
    m = _UI_IMPORT.search(head)
    if m is not None:
        return Detection(FRONTEND, f"imports {m.group(1)}")
    m = _DOM_API.search(head)
    if m is not None:
        return Detection(FRONTEND, f"DOM API {m.group(0).strip('.(')}")
    return None


def _next_api_route(dirs: tuple[str, ...]) -> bool:
    """`pages/api/...` in a Next.js app: server code under a frontend-looking directory."""
    return "api" in dirs and "pages" in dirs[: dirs.index("api")]
