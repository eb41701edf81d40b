"""Which language a path is written in, from its name."""

from __future__ import annotations

from pathlib import PurePosixPath

_BY_SUFFIX = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".go": "go",
    ".java": "java",
    ".kt": "kotlin",
    ".kts": "kotlin",
    ".scala": "scala",
    ".rb": "ruby",
    ".rake": "ruby",
    ".php": "php",
    ".cs": "csharp",
    ".rs": "rust",
    ".ex": "elixir",
    ".exs": "elixir",
    ".sql": "sql",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".tf": "terraform",
    ".sh": "shell",
    ".bash": "shell",
    ".md": "markdown",
    ".rst": "rst",
    ".txt": "text",
    ".html": "html",
    ".css": "css",
    ".scss": "css",
    ".vue": "vue",
    ".svelte": "svelte",
}
_BY_NAME = {"dockerfile": "dockerfile", "containerfile": "dockerfile", "gemfile": "ruby", "rakefile": "ruby"}


def detect_language(path: str) -> str:
    """Language name for `path` ("python", "go", "sql", ...), or "unknown"."""
    pure = PurePosixPath(path)
    name = pure.name.lower()
    if name in _BY_NAME or name.startswith("dockerfile"):
        return _BY_NAME.get(name, "dockerfile")
    return _BY_SUFFIX.get(pure.suffix.lower(), "unknown")
