"""A first hour without surprises: our own output is never input, inputs anywhere among the options, scripts/run.sh,
a busy folder found before loading, unread files and missing models said at once, records that tell the truth,
and help that reads one way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED, read_jsonl
from test_run import run

from translate.articles import NOT_READ, OWN_FILE, OWN_FOLDER
from translate.cli import COMMANDS, build_parser, main
from translate.outdir import OutputLock

FAST = ("--beams", "1", "--no-summary")


def small_corpus(folder: Path, count: int = 2) -> list[str]:
    """Short articles cut from the seed, so the runs stay quick."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    names = [f"a{i}" for i in range(count)]
    for i, name in enumerate(names):
        (folder / f"{name}.txt").write_text(f"{paragraphs[0]}\n\n{paragraphs[1 + i]}", encoding="utf-8")
    return names


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


# --- 1. our own output is never read as input -------------------------------------------------------

def test_a_rerun_with_the_output_inside_the_input_folder_finds_everything_unchanged(tmp_path, tiny_models, capsys):
    corpus = tmp_path / "corp"
    names = small_corpus(corpus)
    out = corpus / "out"
    assert run([corpus], out, tiny_models, *FAST, summary="") == 0
    assert {a["status"] for a in manifest(out)["articles"]} == {"ok"}
    capsys.readouterr()
    assert run([corpus], out, tiny_models, *FAST, summary="") == 0
    assert [(a["id"], a["status"]) for a in manifest(out)["articles"]] == [(name, "unchanged") for name in names]
    err = capsys.readouterr().err
    assert f"left out 1 folder ({out}{os.sep}): {OWN_FOLDER}" in err
    assert manifest(out)["left_out"] == [{"path": f"{out}{os.sep}", "reason": OWN_FOLDER}]


def test_article_files_of_an_earlier_run_among_the_inputs_are_left_out_in_one_line(tmp_path, tiny_models, capsys):
    corpus = tmp_path / "corp"
    small_corpus(corpus)
    assert run([corpus], tmp_path / "first", tiny_models, *FAST, summary="") == 0
    shutil.copytree(tmp_path / "first", corpus / "old")  # a.jsonl files beside the .txt files, ids a0, a1 again
    capsys.readouterr()
    assert run([corpus], tmp_path / "second", tiny_models, *FAST, summary="") == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "left out" in line]
    assert lines == [f"translate: left out 3 files ({corpus / 'old' / 'a0.jsonl'}, ...): {OWN_FILE}"]
    assert [entry["path"] for entry in manifest(tmp_path / "second")["left_out"]] == [
        str(corpus / "old" / name) for name in ("a0.jsonl", "a1.jsonl", "manifest.json")]
    assert [a["id"] for a in manifest(tmp_path / "second")["articles"]] == ["a0", "a1"]


def test_files_we_do_not_read_are_counted_per_kind_and_listed_in_the_manifest(tmp_path, tiny_models, capsys):
    corpus = tmp_path / "corp"
    small_corpus(corpus, 1)
    for name in ("x.pdf", "y.pdf", "notes.docx", ".hidden.pdf"):
        (corpus / name).write_bytes(b"%PDF-1.4")
    assert run([corpus], tmp_path / "out", tiny_models, *FAST, summary="") == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "left out" in line]
    assert lines == [f"translate: left out 1 .docx file ({corpus / 'notes.docx'}): {NOT_READ}",
                     f"translate: left out 2 .pdf files ({corpus / 'x.pdf'}, ...): {NOT_READ}"]
    assert manifest(tmp_path / "out")["left_out"] == [
        {"path": str(corpus / name), "reason": NOT_READ} for name in ("notes.docx", "x.pdf", "y.pdf")]


# --- 2. inputs anywhere among the options; scripts/run.sh passes everything through -----------------

def test_inputs_may_come_after_the_options(tmp_path, tiny_models):
    corpus = tmp_path / "corp"
    small_corpus(corpus, 1)
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": "n1", "text": "Het kabinet valt. De Kamer is verbaasd."}) + "\n",
                    encoding="utf-8")
    args = ["run", str(corpus), "-o", str(tmp_path / "out"), "--translation-model", str(tiny_models["marian"]),
            "-q", str(news), *FAST]
    assert main(args) == 0
    assert sorted(a["id"] for a in manifest(tmp_path / "out")["articles"]) == ["a0", "n1"]


def fake_checkout(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A checkout with the real scripts/run.sh and scripts/setup.sh, and an environment whose `python` and
    `translate` only write down how they were called (so no test installs anything)."""
    repo, venv = tmp_path / "repo", tmp_path / "venv"
    (repo / "scripts").mkdir(parents=True)
    for script in ("run.sh", "setup.sh"):
        shutil.copy(ROOT / "scripts" / script, repo / "scripts" / script)
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    log = tmp_path / "log"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "activate").write_text(f'export PATH="{venv / "bin"}:$PATH"\n')
    for command, answer in (("python", 'case "$*" in *"pip show"*) exit 1 ;; esac'), ("translate", "")):
        (venv / "bin" / command).write_text(f'#!/usr/bin/env bash\necho "{command} $*" >> "{log}"\n{answer}\n')
        (venv / "bin" / command).chmod(0o755)
    return repo, log, {**os.environ, "TRANSLATE_VENV": str(venv)}


def test_run_sh_passes_every_argument_through_and_installs_only_when_pyproject_changed(tmp_path):
    repo, log, env = fake_checkout(tmp_path)

    def run_sh(*args: str) -> list[str]:
        log.unlink(missing_ok=True)
        subprocess.run(["bash", str(repo / "scripts" / "run.sh"), *args], env=env, check=True, timeout=60)
        return log.read_text().splitlines()

    first = run_sh("my.jsonl", "-o", "out")
    assert any(line.startswith("python -m pip install") for line in first)  # a fresh checkout is set up
    assert first[-2:] == ["translate models verify translation summary", "translate run my.jsonl -o out"]
    assert run_sh() == ["translate models verify translation summary", "translate run"]  # no second install
    assert run_sh("--translation-model=DIR", "corpus/") == ["translate models verify summary",
                                                            "translate run --translation-model=DIR corpus/"]
    assert run_sh("--summary-model", "S", "--translation-model", "T", "x") == [
        "translate run --summary-model S --translation-model T x"]
    assert run_sh("--no-summary") == ["translate models verify translation", "translate run --no-summary"]
    with (repo / "pyproject.toml").open("a") as changed:
        changed.write("\n# changed\n")
    assert any(line.startswith("python -m pip install") for line in run_sh())


# --- 3. a busy folder is found before any model is loaded --------------------------------------------

def test_a_busy_output_folder_is_refused_before_the_models_load(tmp_path, capsys):
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{}")  # found on disk, but loading it would fail (exit 3)
    out = tmp_path / "out"
    with OutputLock(out):
        code = main(["run", str(SEED), "-o", str(out), "--translation-model", str(broken), "--no-summary", "-q"])
    assert code == 4 and "another translate run is writing to this folder" in capsys.readouterr().err


# --- 4. every missing model named at once ------------------------------------------------------------

def test_every_missing_default_model_is_named_at_once_with_its_fetch_command(tmp_path, capsys):
    assert main(["run", str(SEED), "-o", str(tmp_path / "out"), "-q"]) == 3
    err = capsys.readouterr().err
    for role, name in (("translation", "Helsinki-NLP/opus-mt-nl-en"), ("summary", "sshleifer/distilbart-cnn-6-6")):
        assert name in err and f"translate models fetch {role}" in err and f"--{role}-model" in err
    assert not (tmp_path / "out").exists()


# --- 6. records that tell the truth ------------------------------------------------------------------

def test_exports_name_inputs_relative_to_the_input_given_and_parquet_keeps_details(tmp_path, tiny_models):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    corpus = tmp_path / "elsewhere" / "corp"
    small_corpus(corpus, 1)
    out = tmp_path / "out"
    assert run([corpus.resolve()], out, tiny_models, "--beams", "1") == 0  # an absolute path on the command line
    header = read_jsonl(out / "a0.jsonl")[0]
    assert header["source"] == "corp/a0.txt"
    assert main(["export", str(out), "--format", "xliff", "-o", str(tmp_path / "x.xlf")]) == 0
    assert 'original="corp/a0.txt"' in (tmp_path / "x.xlf").read_text(encoding="utf-8")
    assert str(tmp_path) not in (tmp_path / "x.xlf").read_text(encoding="utf-8")
    assert main(["export", str(out), "--format", "parquet", "-o", str(tmp_path / "p")]) == 0
    articles = pq.read_table(tmp_path / "p" / "articles.parquet").to_pylist()
    assert articles[0]["source"] == "corp/a0.txt"
    summary = read_jsonl(out / "a0.jsonl")[-1]
    assert articles[0]["summary_flags"] == summary["flags"]
    assert dict(articles[0]["summary_details"]) == summary.get("details", {})
    rows = pq.read_table(tmp_path / "p" / "sentences.parquet").to_pylist()
    written = [s for r in read_jsonl(out / "a0.jsonl") if r["type"] == "paragraph" for s in r["sentences"]]
    assert [dict(row["details"]) for row in rows] == [s.get("details", {}) for s in written]


# --- 7. side effects: caches and the tracked lock ----------------------------------------------------

def test_the_suite_converts_into_its_own_caches_never_the_user_s(seed_run, private_caches):
    from translate.engines import ct2

    assert ct2.cache_root() == private_caches["TRANSLATE_CT2_CACHE"]
    # seed_run, a session fixture set up before any function-scoped fixture, converted its models in there.
    assert any(private_caches["TRANSLATE_CT2_CACHE"].iterdir())
    assert Path.home() not in ct2.cache_root().parents


def test_models_list_explains_unconfirmed(capsys):
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "(revision unconfirmed)" in out and "\nunconfirmed: " in out and "translate models fetch ROLE" in out


# --- 5. one vocabulary, descriptions, workflow order, the command's own usage -------------------------

def test_commands_in_workflow_order_each_with_a_description():
    parser = build_parser()
    assert list(parser.command_parsers) == list(COMMANDS) == ["run", "review", "apply", "export", "check", "eval",
                                                               "models", "merge-manifests"]
    listed = [line.split()[0] for line in parser.format_help().splitlines() if line.startswith("    ") and line.split()]
    assert [name for name in listed if name in COMMANDS] == list(COMMANDS)
    for name, command in parser.command_parsers.items():
        assert command.description and len(command.description) > 40, name
        options = {option for action in command._actions for option in action.option_strings}
        if name in ("run", "review", "apply", "export", "check"):
            assert {"-o", "--output"} <= options, name


@pytest.mark.parametrize(("argv", "usage", "message"), [
    (["run", "--beams", "x"], "usage: translate run", "argument --beams: 'x' is not a whole number"),
    (["run", "--bogus"], "usage: translate run", "unrecognized arguments: --bogus"),
    (["run", "--address", "auto"], "usage: translate run", "--address and --actors apply to --engine ray only"),
    (["review", "out", "extra"], "usage: translate review", "unrecognized arguments: extra"),
    (["export", "out", "--format", "text", "--only", "approved"], "usage: translate export", "--only applies"),
    (["eval", "--hyp", "h"], "usage: translate eval", "give either --ref R"),
    (["models", "list", "x"], "usage: translate models list", "unrecognized arguments: x"),
])
def test_errors_show_the_command_s_own_usage_and_no_internal_names(argv, usage, message, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and err.startswith(usage) and message in err
    assert "_positive" not in err and "usage: translate [-h]" not in err


def test_review_takes_o_and_keeps_report_as_an_alias(seed_run, tmp_path):
    assert main(["review", str(seed_run), "-o", str(tmp_path / "a")]) == 0
    assert main(["review", str(seed_run), "--report", str(tmp_path / "b")]) == 0
    assert (tmp_path / "a" / "index.html").is_file() and (tmp_path / "b" / "index.html").is_file()


def test_help_figures_match_the_docs():
    run_help = " ".join(build_parser().command_parsers["run"].format_help().split())
    assert "1.5x" not in run_help and "OMP_NUM_THREADS" in run_help
    export_help = " ".join(build_parser().command_parsers["export"].format_help().split())
    assert "--only approved" in export_help and "{approved}" not in export_help
