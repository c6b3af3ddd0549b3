"""Where the site is published: Read the Docs (.readthedocs.yaml) and GitHub Pages (a GitHub Actions
workflow). Both call the Makefile's targets, so they build with its options and pinned requirements."""

from __future__ import annotations

import re
import shlex
import tomllib

import yaml

from ..conftest import ROOT
from .test_make import dry_run

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def readthedocs() -> dict:
    return yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def make_variable(name: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(rf"^{name}\s*:=(.*)$", text, re.MULTILINE)[1].split()


def project_python() -> str:
    """The Python the project is written for: pyproject's ruff target-version, py311 -> 3.11."""
    target = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    return re.sub(r"py(\d)(\d+)", r"\1.\2", target["target-version"])


def make_calls(commands: list[str]) -> list[list[str]]:
    """The `make` command lines among shell commands, from `make` on."""
    calls = []
    for command in commands:
        words = shlex.split(command.split("&&")[0])
        if "make" in words:
            calls.append(words[words.index("make") :])
    return calls


# -- Read the Docs ------------------------------------------------------------


def test_readthedocs_version_os_python_and_requirements():
    config = readthedocs()
    assert config["version"] == 2
    assert re.fullmatch(r"ubuntu-\d\d\.04", config["build"]["os"])
    assert config["build"]["tools"]["python"] == project_python()
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}


def test_readthedocs_builds_html_pdf_and_epub_with_the_make_targets():
    config = readthedocs()
    assert config["formats"] == ["pdf", "epub"]  # and html, always
    jobs = config["build"]["jobs"]["build"]
    assert set(jobs) == {"html", "pdf", "epub"}
    expected = {"html": ["html", "pdf"], "pdf": ["pdf"], "epub": ["epub"]}
    for output, targets in expected.items():
        [call] = make_calls(jobs[output])
        assert [w for w in call[1:] if "=" not in w] == targets, output
        assert "VENV=$READTHEDOCS_VIRTUALENV_PATH" in call, output  # Read the Docs' environment
        assert any(f'"$READTHEDOCS_OUTPUT/{output}' in command for command in jobs[output]), output
    # so each runs sphinx-build as everywhere: -c . -n -W --keep-going, source/
    for target in ("html", "epub"):
        [command] = [w for w in dry_run(target, VENV="/rtd") if w[0] == "/rtd/bin/sphinx-build"]
        assert command[1:6] == ["-c", ".", "-n", "-W", "--keep-going"]
        assert command[command.index("-d") + 2] == "source"


def test_readthedocs_installs_what_make_pdf_needs():
    assert readthedocs()["build"]["apt_packages"] == make_variable("PACKAGES")


def test_readthedocs_site_addresses_are_the_versions():
    html = readthedocs()["build"]["jobs"]["build"]["html"]
    assert html[0].startswith('SITE_BASE_URL="$READTHEDOCS_CANONICAL_URL" make ')


# -- GitHub Actions -----------------------------------------------------------


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_workflow_runs_on_push_and_pull_request():
    triggers = workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers


def test_workflow_tests_with_the_ci_script_which_runs_make_test():
    build = workflow()["jobs"]["build"]
    assert build["runs-on"].startswith("ubuntu-")
    assert build["container"]["image"] == "debian:12"  # the project's own kind of machine
    runs = [step.get("run", "") for step in steps(build)]
    assert "bash .ci/run" in runs
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ["make install", "make test"] == [line for line in ci if line.startswith("make ")]


def test_workflow_builds_the_site_for_its_pages_address_and_uploads_it():
    build = steps(workflow()["jobs"]["build"])
    uses = [step.get("uses", "").split("@")[0] for step in build]
    configure = uses.index("actions/configure-pages")
    make = next(i for i, step in enumerate(build) if step.get("run") == "make")
    upload = uses.index("actions/upload-pages-artifact")
    assert configure < make < upload
    assert build[make]["env"]["SITE_BASE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert build[configure]["id"] == "pages"
    assert build[upload]["with"]["path"] == "_build/html"


def test_workflow_deploys_with_the_pages_permissions_only_from_main():
    config = workflow()
    assert config["permissions"] == {"contents": "read"}
    deploy = config["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "refs/heads/main" in deploy["if"]
    assert [step["uses"].split("@")[0] for step in steps(deploy)] == ["actions/deploy-pages"]


def test_every_action_pinned_to_a_version_tag():
    for job in workflow()["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]
