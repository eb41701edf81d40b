"""Command line: `persona-review review`, `eval`, `persona`, `checks` and `init`.

`main` is the one place errors become messages and exit codes: 0 done, 1 findings at or above fail-on,
2 usage or config error, 3 runtime failure. A user mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_review import __version__
from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.config import DEFAULT_CONFIG_PATH, Config, config_from_mapping, load_config, parse_mapping
from persona_review.config_trust import merge_head_config
from persona_review.diff import Diff, parse_diff
from persona_review.errors import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_RUNTIME,
    PersonaReviewError,
    UsageError,
)
from persona_review.findings import Finding, Severity
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.placement import merge
from persona_review.reporters import FORMATS
from persona_review.reporters.text import render_text
from persona_review.result import ModelStatus, ReviewResult
from persona_review.terminal import terminal_columns

if TYPE_CHECKING:
    from persona_review.model.repo_instructions import RepoGuidance
    from persona_review.model.stage import EvalReviewer
    from persona_review.reporters.markdown import SourceLinks

MAX_DIFF_BYTES = 200_000_000


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, told the terminal's width (argparse would import `shutil` to find it out,
    on every run: a formatter is made for each argument added)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         width if width is not None else terminal_columns(80) - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="persona-review", description="Review a diff like a backend reliability engineer.")
    parser.add_argument("--version", action="version", version=f"persona-review {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    review = sub.add_parser("review", help="review a diff and print the findings")
    source = review.add_mutually_exclusive_group()
    source.add_argument("--diff", metavar="FILE", help="unified diff file, or - for standard input")
    source.add_argument("--base", metavar="REF", help="diff the current git repository from REF")
    source.add_argument("--staged", action="store_true", help="review the staged changes (git diff --cached)")
    review.add_argument("--head", metavar="REF", help="with --base: the head ref (default: the work tree)")
    review.add_argument("--format", choices=FORMATS, default="text")
    review.add_argument("--output", metavar="FILE", help="write the report here instead of standard output")
    review.add_argument("--config", metavar="FILE", help="config file (default: .github/persona-review.yml)")
    review.add_argument("--persona", metavar="FILE", help="persona file, or a bundled persona name")
    review.add_argument("--offline", action="store_true", help="never call a model, even with a key")
    review.add_argument("--workspace", metavar="DIR", help="checkout of the head, for whole-file context")
    review.add_argument("--fail-on", choices=["none", *[s.value for s in Severity]], help="override config")
    review.add_argument("--min-severity", choices=[s.value for s in Severity], help="override config")
    review.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    review.add_argument(
        "--warn-unused-suppressions",
        action="store_true",
        help="warn about config ignore rules and inline ignore comments that matched no finding",
    )

    ev = sub.add_parser("eval", help="score the checks (and the model, with a key) on a labeled corpus")
    ev.add_argument("--corpus", metavar="DIR", required=True)
    ev.add_argument("--labels", metavar="FILE", help="labels.jsonl (default: DIR/labels.jsonl)")
    ev.add_argument("--format", choices=["text", "json"], default="text")
    ev.add_argument("--offline", action="store_true", help="score the checks only, even with a key")
    ev.add_argument("--config", metavar="FILE", help="config for the model review (model, budgets)")
    ev.add_argument("--persona", metavar="FILE", help="persona for the model review")
    ev.add_argument("--max-cost-usd", type=float, metavar="USD", help="cost limit of the model review")
    ev.add_argument("--output", metavar="FILE")

    pe = sub.add_parser("persona", help="show what a persona file became: detectors, triggers, exclusions")
    pe.add_argument("file", nargs="?", metavar="FILE",
                    help="persona file or bundled name (default: the config's)")
    pe.add_argument("--prompt", action="store_true", help="print the exact persona text the model gets")
    pe.add_argument("--format", choices=["text", "json"], default="text")
    pe.add_argument("--config", metavar="FILE", help="config file whose 'persona' to show")

    checks = sub.add_parser("checks", help="list the deterministic checks, or explain one check or item")
    checks.add_argument("id", nargs="?", metavar="ID", help="a check id (PY-SQL-STRING) or checklist item")
    checks.add_argument("--format", choices=["text", "json"], default="text")

    init = sub.add_parser("init", help="write a starter .github/persona-review.yml and workflow")
    init.add_argument("--dir", metavar="DIR", help="repository root (default: the git root, else here)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; the one place errors become messages and exit codes."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "review":
            return _review(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "persona":
            return _show_persona(args)
        if args.command == "init":
            return _init(args)
        return _checks(args)
    except PersonaReviewError as exc:
        print(f"persona-review: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("persona-review: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("PERSONA_REVIEW_DEBUG"):
            raise
        print(
            f"persona-review: internal error: {type(exc).__name__}: {exc} "
            "(set PERSONA_REVIEW_DEBUG=1 for a traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_RUNTIME


def _read_diff(args: argparse.Namespace) -> tuple[Diff, Path | None]:
    cwd = Path.cwd()
    if args.base or args.staged:
        # only the git modes run git (and import `subprocess` and `tempfile` for it)
        from persona_review.gitdiff import read_git_diff, read_staged_diff, repo_root
    if args.base:
        root = repo_root(cwd)
        # The work tree gives whole-file context; build_context uses a file only where it matches the diff.
        git_diff = read_git_diff(args.base, args.head, root)
        for notice in git_diff.notices:
            print(f"persona-review: {notice}", file=sys.stderr)
        return parse_diff(git_diff.data), root
    if args.head:
        raise UsageError("--head needs --base")
    if args.staged:
        root = repo_root(cwd)
        return parse_diff(read_staged_diff(root)), root
    if args.diff is None:
        raise UsageError(
            "give a diff with --diff FILE (or - for stdin), or --base REF to diff the git repository"
        )
    if args.diff == "-":
        data = sys.stdin.buffer.read(MAX_DIFF_BYTES + 1)
    else:
        path = Path(args.diff)
        if not path.is_file():
            raise UsageError(f"diff file not found: {args.diff}")
        with path.open("rb") as fh:
            data = fh.read(MAX_DIFF_BYTES + 1)
    if len(data) > MAX_DIFF_BYTES:
        raise UsageError(f"the diff is larger than {MAX_DIFF_BYTES // 1_000_000} MB; review a smaller range")
    return parse_diff(data), None


def _review(args: argparse.Namespace) -> int:
    diff, git_workspace = _read_diff(args)
    root = git_workspace or Path.cwd()
    config = load_config(args.config or str(root / DEFAULT_CONFIG_PATH), required=args.config is not None)
    if args.base and args.config is None and git_workspace is not None:
        config = _routing_from_base(config, args.base, git_workspace)
    if args.min_severity:
        config = replace(config, min_severity=Severity(args.min_severity))
    if args.fail_on is not None:
        config = replace(config, fail_on=None if args.fail_on == "none" else Severity(args.fail_on))
    persona = load_persona(args.persona or _persona_from_config(config))
    workspace = Path(args.workspace) if args.workspace else git_workspace
    api_key = os.environ.get("ANTHROPIC_API_KEY") or None
    result = run_review(
        ReviewInput(
            diff=diff,
            config=config,
            persona=persona,
            workspace=workspace,
            log=lambda line: print(f"persona-review: {line}", file=sys.stderr),
            api_key=api_key,
            offline=args.offline,
            repo_guidance=_repo_guidance(args, diff, config, git_workspace or workspace, api_key),
        )
    )
    for notice in result.notices:
        print(f"persona-review: {notice}", file=sys.stderr)
    _write(_render(result, args, workspace), args.output)
    if args.warn_unused_suppressions:
        for unused in result.unused_suppressions:
            print(f"persona-review: warning: suppression matched nothing: {unused}", file=sys.stderr)
    return _exit_code(result, config)


def _routing_from_base(config: Config, base: str, root: Path) -> Config:
    """In git mode the repository's config is the branch's own, which a pull request checked out in CI
    can rewrite: the keys that decide where requests and the API key go, what a run may spend and what
    fails it are taken from the config at BASE, as the Action does (`config_trust`). `--config FILE`
    trusts a file as it is."""
    if config.source == "defaults":
        return config
    from persona_review.gitdiff import read_at

    raw = read_at(base, DEFAULT_CONFIG_PATH, root)
    source = f"{DEFAULT_CONFIG_PATH}@{base}"
    base_map = parse_mapping(raw.decode("utf-8", errors="replace"), source) if raw else {}
    head_map = parse_mapping(Path(config.source).read_text(encoding="utf-8", errors="replace"), config.source)
    merged = merge_head_config(base_map, head_map)
    if merged.ignored:
        print(f"persona-review: {', '.join(merged.ignored)} taken from {base}'s config, not the work tree's "
              "(pass --config to use a config file as it is)", file=sys.stderr)
    return config_from_mapping(merged.data, config.source)


def _repo_guidance(
    args: argparse.Namespace, diff: Diff, config: Config, root: Path | None, api_key: str | None
) -> RepoGuidance | None:
    """Repository instructions for the model: from the base ref with --base, else from the work tree or
    --workspace (local use: the person running the CLI wrote the change). None without a repository or
    without a model review."""
    if args.offline or root is None or (api_key is None and config.provider == "anthropic"):
        return None
    from persona_review.model.repo_instructions import directory_reader, git_reader, load_guidance

    read, list_dir = git_reader(root, args.base) if args.base else directory_reader(root)
    return load_guidance(read, list_dir, [f.path for f in diff.files], config.path_instructions,
                         config.categories)


def _persona_from_config(config: Config) -> str | None:
    """The config's `persona`: a bundled name, or a path relative to the repository that holds the config."""
    if config.persona is None or config.source == "defaults":
        return config.persona
    source = Path(config.source).resolve()
    repo = source.parent.parent if source.parent.name == ".github" else source.parent
    candidate = repo / config.persona
    return str(candidate) if candidate.exists() else config.persona


def _render(result: ReviewResult, args: argparse.Namespace, workspace: Path | None = None) -> str:
    """The result in the chosen format; each format's writer is imported only when it is chosen."""
    if args.format == "json":
        from persona_review.reporters.json_report import render_json

        return render_json(result)
    if args.format == "markdown":
        from persona_review.reporters.markdown import render_markdown

        return render_markdown(result, links=_source_links())
    if args.format == "sarif":
        from persona_review.reporters.sarif import render_sarif, workspace_contents

        # A checkout's files give code scanning's line hashes (only where they match what was reviewed).
        return render_sarif(result, workspace_contents(workspace, result.findings) if workspace else None)
    colour = args.color == "always" or (
        args.color == "auto" and args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    return render_text(result, colour=colour)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def _exit_code(result: ReviewResult, config: Config) -> int:
    if config.fail_on_model_error and result.model.status is ModelStatus.PARTIAL:
        print("persona-review: error: the model review was partial (fail-on-model-error)", file=sys.stderr)
        return EXIT_RUNTIME
    if config.fail_on is None:
        return EXIT_OK
    worst = config.fail_on
    crossing = [f for f in result.findings if f.severity.at_least(worst)]
    if not crossing:
        return EXIT_OK
    print(
        f"persona-review: failing: {len(crossing)} finding{'s' if len(crossing) != 1 else ''} "
        f"at or above fail-on {worst.value}:",
        file=sys.stderr,
    )
    for f in crossing:
        where = f"{f.path}:{f.line}" if f.line is not None else f.path
        print(f"  {where}  {f.severity.value}  {f.checklist_item}  {f.title}", file=sys.stderr)
    return EXIT_FINDINGS


def _source_links() -> SourceLinks | None:
    """Links to the reviewed commit when the CI environment names it (GitHub Actions sets these)."""
    repo = os.environ.get("GITHUB_REPOSITORY", "")
    sha = os.environ.get("GITHUB_SHA", "")
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    if not repo or not sha or not server.startswith("https://"):
        return None
    from persona_review.reporters.markdown import SourceLinks

    return SourceLinks(f"{server.rstrip('/')}/{repo}", sha)


def _eval(args: argparse.Namespace) -> int:
    from persona_review.evaluation import run_eval
    from persona_review.evaluation_report import render_eval

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise UsageError(f"corpus directory not found: {args.corpus}")
    labels = Path(args.labels) if args.labels else None
    reviewer, model = _eval_reviewer(args)
    report = run_eval(corpus, labels, reviewer=reviewer,
                      model_outcome=(lambda: model.outcome) if model is not None else None)
    _write(render_eval(report, args.format), args.output)
    return EXIT_OK


def _eval_reviewer(
    args: argparse.Namespace,
) -> tuple[Callable[[Sequence[FileContext]], list[Finding]] | None, EvalReviewer | None]:
    """The reviewer for `eval` and the model part of it: checks and model together when a key is set,
    else (None, None) for the checks alone."""
    api_key = os.environ.get("ANTHROPIC_API_KEY") or None
    if args.offline:
        return None, None
    if not api_key:
        print(
            "persona-review: no ANTHROPIC_API_KEY set: scoring the deterministic checks only", file=sys.stderr
        )
        return None, None
    from persona_review.model.stage import make_eval_reviewer

    config = load_config(args.config, required=args.config is not None)
    config = config.with_overrides(max_cost_usd=args.max_cost_usd)
    model = make_eval_reviewer(config, load_persona(args.persona or config.persona), api_key)

    def checks_and_model(contexts: Sequence[FileContext]) -> list[Finding]:
        # Scored as users see it: the checks' findings merged with the model's on the same line.
        return merge([*run_checks(contexts).findings, *model(contexts)])

    return checks_and_model, model


def _show_persona(args: argparse.Namespace) -> int:
    from persona_review.model.prompt import persona_prompt
    from persona_review.persona_report import render_persona

    spec = args.file
    if spec is None:
        config = load_config(args.config, required=args.config is not None)
        spec = _persona_from_config(config)
    persona = load_persona(spec)
    _write(persona_prompt(persona) + "\n" if args.prompt else render_persona(persona, args.format), None)
    return EXIT_OK


def _checks(args: argparse.Namespace) -> int:
    from persona_review.check_catalog import describe_id, render_catalog

    text = describe_id(args.id, args.format) if args.id else render_catalog(args.format)
    _write(text, None)
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from persona_review.errors import GitError
    from persona_review.gitdiff import repo_root
    from persona_review.starter import write_starter

    if args.dir:
        root = Path(args.dir)
        if not root.is_dir():
            raise UsageError(f"directory not found: {args.dir}")
    else:
        try:
            root = repo_root(Path.cwd())
        except GitError:
            root = Path.cwd()
    for path in write_starter(root):
        print(f"wrote {path}")
    print("next: commit both files and add the ANTHROPIC_API_KEY secret for the model review (optional)")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
