"""pre-commit's checks and `make lint` are the same tools at the same versions, and `make test`
runs `make lint`; every word codespell is told to let pass has its reason."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import yaml

from ..conftest import ROOT
from .test_make import dry_run

# hook id -> (the PyPI package that brings the tool, what `make lint` runs)
HOOKS = {
    "ruff-check": ("ruff", ["ruff", "check", "."]),
    "ruff-format": ("ruff", ["ruff", "format", "--check", "."]),
    "codespell": ("codespell", ["codespell"]),
    "end-of-file-fixer": ("pre-commit-hooks", ["end-of-file-fixer"]),
    "trailing-whitespace": ("pre-commit-hooks", ["trailing-whitespace-fixer"]),
    "check-yaml": ("pre-commit-hooks", ["check-yaml"]),
}


def pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(re.match(r"([\w.-]+)==([\w.]+)", line).groups() for line in lines if "==" in line)


def test_pre_commit_hooks_pinned_to_the_versions_make_lint_uses():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {}
    for repo in config["repos"]:
        assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), repo["repo"]  # a release tag, not a branch
        for hook in repo["hooks"]:
            hooks[hook["id"]] = repo["rev"]
    assert set(hooks) == set(HOOKS)
    for hook, rev in hooks.items():
        package = HOOKS[hook][0]
        assert rev == f"v{pins()[package]}", (hook, package)


def test_make_lint_runs_every_hook():
    # each command as its program's name and arguments: ".venv/bin/ruff check ." -> "ruff check ."
    runs = [" ".join(word.rsplit("/", 1)[-1] for word in words) for words in dry_run("lint")]
    for hook, (_, command) in HOOKS.items():
        assert any(" ".join(command) in run for run in runs), hook


def test_make_test_lints_first():
    commands = [" ".join(words) for words in dry_run("test")]
    lint = next(i for i, c in enumerate(commands) if "ruff check" in c)
    pytest = next(i for i, c in enumerate(commands) if "pytest" in c)
    assert lint < pytest


def test_every_word_codespell_lets_pass_has_its_reason():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    words = tomllib.loads(text)["tool"]["codespell"]["ignore-words-list"].split(",")
    assert words
    for word in words:
        assert re.search(rf"^# - {word}: \S", text, re.MULTILINE), word


def test_lint_outside_a_git_checkout_fails_and_says_why(tmp_path):
    """Its whitespace checks read git's list of files: outside a clone they would check nothing."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tmp_path)], input=archive, check=True)
    (tmp_path / "Makefile").write_bytes((ROOT / "Makefile").read_bytes())  # as it stands
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "venv", "lint", f"BIN={ROOT / '.venv' / 'bin'}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert result.returncode != 0
    assert "make lint: not a git checkout" in result.stderr
