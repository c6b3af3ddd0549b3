"""The make targets the issue names, as make would run them (``make -n``), and the link checker's
settings: every target builds with the same sphinx-build options, the preview stays on this machine."""

from __future__ import annotations

import ast
import re
import runpy
import shlex
import shutil
import subprocess

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from ..conftest import ROOT

CONF = runpy.run_path(str(ROOT / "conf.py"))


def dry_run(*targets: str, **variables: str) -> list[list[str]]:
    """The commands ``make -n`` prints, each as its words."""
    assignments = [f"{name}={value}" for name, value in variables.items()]
    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", *targets, *assignments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = []
    for line in printed.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        command: list[str] = []
        for word in lexer:  # one command per ;, &&, || and |, keywords of if and { } left out
            if word in (";", "&&", "||", "|", "(", ")"):
                commands.append(command)
                command = []
            elif not (not command and word in ("if", "then", "else", "fi", "{", "}", "!")):
                command.append(word)
        commands.append(command)
    return [command for command in commands if command]


def command_of(program: str, *targets: str, **variables: str) -> list[str]:
    [command] = [words for words in dry_run(*targets, **variables) if any(w.endswith(program) for w in words)]
    return command[next(i for i, w in enumerate(command) if w.endswith(program)) :]


def sphinx_options(command: list[str]) -> tuple[list[str], str, str]:
    """The options before -d/-b, the builder, and the source folder of a sphinx-build command line."""
    command = command[: command.index("||")] if "||" in command else command
    options = [w for w in command[1:] if w in ("-n", "-W", "--keep-going")]
    builder = command[command.index("-b") + 1] if "-b" in command else "html"
    return options, builder, command[command.index("-d") + 2]


def test_html_pdf_epub_and_linkcheck_share_the_options():
    for target, builder in [("html", "html"), ("epub", "epub"), ("linkcheck", "linkcheck")]:
        command = command_of("sphinx-build", target)
        assert command[1:3] == ["-c", "."]
        assert sphinx_options(command) == (["-n", "-W", "--keep-going"], builder, "source"), target


def test_live_is_sphinx_autobuild_on_this_machine_with_the_html_options():
    command = command_of("sphinx-autobuild", "live", PORT="8123")
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8123"
    assert "-b" not in command  # html, as make html
    assert "-c" in command and command[command.index("-c") + 1] == "."
    assert sphinx_options(command) == (["-n", "-W", "--keep-going"], "html", "source")
    assert command[command.index("-d") + 1] == "_build/work/doctrees/html"  # make html's: one state
    assert command[-1] == "_build/work/html"
    ignored = [re.compile(command[i + 1]) for i, word in enumerate(command) if word == "--re-ignore"]
    for saved_aside in (
        "source/reports/.a.md.swp",
        "source/reports/a.md~",
        "source/reports/.#a.md",
        "x/build.log",
    ):
        assert any(pattern.search(saved_aside) for pattern in ignored), saved_aside
    assert not any(pattern.search("source/reports/a.md") for pattern in ignored)


def test_linkcheck_retries_and_waits():
    assert CONF["linkcheck_retries"] >= 2
    assert 5 <= CONF["linkcheck_timeout"] <= 60


def test_every_ignored_link_has_its_reason_beside_it():
    source = (ROOT / "conf.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    [assignment] = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "") == "linkcheck_ignore" for t in node.targets)
    ]
    assert assignment.value.elts, "nothing ignored: then drop the setting"
    for element in assignment.value.elts:
        line = lines[element.lineno - 1]
        before = lines[element.lineno - 2].strip()
        assert "#" in line.split('"')[-1] or before.startswith("#"), line
    assert all(re.compile(pattern) for pattern in CONF["linkcheck_ignore"])


HOSTILE_TITLE = 'A $5 deal, "quoted", it\'s `touch ticked` and $(touch ran) and $$(touch ran-too); touch semi'


def test_make_new_passes_its_arguments_as_typed_and_runs_nothing(tmp_path):
    """make new in a copy of the project: the title arrives verbatim; no command in it runs."""
    for part in ("Makefile", "requirements.txt", "tools", "_ext", "source"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "venv", "new", f"BIN={ROOT / '.venv' / 'bin'}"]
        + ["KIND=report", "SLUG=a-hostile-title", f"TITLE={HOSTILE_TITLE}", "COMPANION="],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "source" / "reports" / "a-hostile-title.md").read_text(encoding="utf-8")
    [heading] = [line for line in written.splitlines() if line.startswith("# ")]
    rendered = BeautifulSoup(MarkdownIt("commonmark").render(heading), "html.parser").get_text().strip()
    assert rendered == HOSTILE_TITLE  # as text, every character: no code, emphasis or role
    assert not {"ticked", "ran", "ran-too", "semi"} & {path.name for path in tmp_path.iterdir()}
    assert not {"ticked", "ran", "ran-too", "semi"} & {path.name for path in ROOT.iterdir()}
