"""Frontend detection: code that runs in the browser, and what only a browser reads.

Recognised by path (components, browser code under static/, public/, assets/, web/, client/, ui/,
frontend/...), by file type (components, stylesheets, markup templates, i18n catalogues, storybook) and by
content (DOM APIs, imports of UI frameworks). Source in a server-side language is never frontend, whatever
directory it sits in, and neither is JS/TS that imports a server framework, ORM or database driver.
"""

from __future__ import annotations

from collections.abc import Iterable

from persona_review.lazy_re import lazy_re
from persona_review.selection.backend import (
    INFRA_DIRS,
    JS_TS,
    SERVER_LANGUAGES,
    data_access,
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
_ANGULAR_RE = lazy_re(r"\.(?:component|directive|pipe)\.(?:ts|html|css|scss)$")

_BROWSER_DIRS = frozenset(
    {
        "static", "public", "assets", "web", "client", "ui", "frontend", "front-end", "webapp", "www",
        "javascript", "javascripts", "components", "styles", "stylesheets", "css", "scss", "storybook",
        ".storybook", "templates", "views", "pages", "layouts", "email-templates", "emails",
    }
)
_I18N_DIRS = frozenset({"locales", "locale", "lang", "langs", "i18n", "l10n", "translations"})
_I18N_NAME = lazy_re(
    r"^(?:messages|strings|.*_[a-z]{2}(?:_[a-z]{2,4})?)\.properties$|^[a-z]{2}(?:[-_][a-z]{2,4})?\.json$"
)

_UI_MODULES = (
    r"react|react-dom(?:/[\w-]+)?|react-router(?:-dom)?|vue|vue-router|pinia|vuex|svelte(?:/[\w-]+)?"
    r"|@angular/[\w-]+|preact(?:/[\w-]+)?|solid-js|lit|@hotwired/[\w-]+|jquery|alpinejs|htmx\.org"
    r"|next/(?:link|router|navigation|image|head|dynamic)|@mui/[\w-]+|@chakra-ui/[\w-]+|@tanstack/react-[\w-]+"
    r"|mobx-react(?:-lite)?|@reduxjs/toolkit|react-redux|@storybook/[\w-]+"
)
_UI_IMPORT = lazy_re(rf"""(?:\bfrom\s+|\brequire\(\s*|\bimport\s+)['"]({_UI_MODULES})['"]""")
_DOM_API = lazy_re(
    r"\b(?:document\.(?:getElement|querySelector|createElement|body|addEventListener|cookie)"
    r"|window\.(?:location|addEventListener|localStorage|sessionStorage|fetch)|localStorage\.|sessionStorage\."
    r"|\.addEventListener\(|\.querySelector(?:All)?\(|\.innerHTML\b|\.classList\.)"
)


_HEADLESS_BROWSER = lazy_re(
    r"""(?:\bfrom\s+|\brequire\(\s*|\bimport\s+)['"](?:puppeteer(?:-core)?|playwright(?:-core)?|@playwright/test"""
    r"""|jsdom|happy-dom|linkedom|cheerio)['"]"""
)
"""Libraries that give server code a page or a DOM of its own: their `document.…` calls run there."""


_MONOREPO_DIRS = frozenset({"packages", "apps", "libs", "modules", "projects", "workspaces"})
_BROWSER_DIR_NAME = lazy_re(r"(?:^|[-_.])(?:web|ui|frontend|client|webapp|spa|dashboard)(?:$|[-_.])")


def package_root(path: str) -> str:
    """The directory a file's package starts at: `packages/<name>/` in a monorepo, else its top directory."""
    parts = path.split("/")[:-1]
    for n, part in enumerate(parts[:-1]):
        if part in _MONOREPO_DIRS:
            return "/".join(parts[: n + 2]) + "/"
    return parts[0] + "/" if parts else ""


def frontend_roots(paths: Iterable[str]) -> frozenset[str]:
    """Package roots that hold a UI component in this diff: their other JS/TS is taken to be browser code
    unless it shows a server signal."""
    return frozenset(
        package_root(p) for p in paths if p.lower().endswith(_COMPONENT_SUFFIXES) and package_root(p)
    )


def detect_frontend(facts: FileFacts, roots: frozenset[str] = frozenset()) -> Detection | None:
    """A Detection saying why the file is frontend, or None. `roots`: `frontend_roots` of the diff."""
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
        return _browser_js(facts) or _beside_components(facts, roots)
    if _I18N_NAME.match(name) and language in ("json", "unknown"):
        return Detection(FRONTEND, "i18n catalogue")
    if language in ("json", "unknown"):
        where = _browser_dir(facts.dirs)
        if where is not None:
            return Detection(FRONTEND, f"under {where}/")
        return _beside_components(facts, roots)
    return None


def _beside_components(facts: FileFacts, roots: frozenset[str]) -> Detection | None:
    """Frontend when the file's package holds UI components changed in the same diff and the file, if it is
    code, shows no server signal: `packages/app-common/src/platform/auth.ts` or a `.graphql` query next to
    `.../components/Login.vue`."""
    if not roots or (facts.language in JS_TS and _server_signal(facts)):
        return None
    root = package_root(facts.path)
    if root in roots:
        return Detection(FRONTEND, f"in {root} with the UI components of this change")
    return None


def _server_signal(facts: FileFacts) -> bool:
    return (
        server_import(facts.head) is not None
        or _next_api_route(facts.dirs)
        or data_access(facts.head) is not None
        or server_dir_depth(facts.dirs) is not None
    )


def _browser_dir(dirs: tuple[str, ...]) -> str | None:
    for part in dirs:
        if part in _BROWSER_DIRS or _BROWSER_DIR_NAME.search(part):
            return part
    return None


def _browser_js(facts: FileFacts) -> Detection | None:
    head = facts.head
    if server_import(head) is not None or _next_api_route(facts.dirs) or data_access(head) is not None:
        return None
    where = _browser_dir(facts.dirs)
    if where is not None:
        server_depth = server_dir_depth(facts.dirs)
        if server_depth is None or facts.dirs.index(where) < server_depth:
            return Detection(FRONTEND, f"browser code under {where}/",
                             by_name_only=where not in _BROWSER_DIRS)
        return None  # `server/emails/x.js`: the server directory is the outer one
    m = _UI_IMPORT.search(head)
    if m is not None:
        return Detection(FRONTEND, f"imports {m.group(1)}")
    m = _DOM_API.search(head)
    if m is not None and server_dir_depth(facts.dirs) is None and _HEADLESS_BROWSER.search(head) is None:
        # under a server directory, or beside a headless browser, the DOM is one the server drives
        return Detection(FRONTEND, f"DOM API {m.group(0).strip('.(')}")
    return None


def _next_api_route(dirs: tuple[str, ...]) -> bool:
    """`pages/api/...` in a Next.js app: server code under a frontend-looking directory."""
    return "api" in dirs and "pages" in dirs[: dirs.index("api")]
