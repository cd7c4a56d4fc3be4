"""scripts/gpu_check.sh in its quick CPU mode: the GPU check's steps run (on tiny models), so it cannot rot."""

from __future__ import annotations

import subprocess

from conftest import ROOT


def test_gpu_check_quick_cpu_mode_passes_every_step(tmp_path):
    done = subprocess.run(["bash", "scripts/gpu_check.sh", "--cpu", "--quick", "--work", str(tmp_path / "work")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and not line.startswith("| step")]
    steps = {line.split(" | ")[0][2:] for line in rows}
    assert steps == {"models", "bench", "run", "rerun", "oom"}
    assert all(" | yes | " in line for line in rows)
    assert "8 of 8 article files identical" in done.stdout
    assert "batches halved; 2 of 2 articles written" in done.stdout
    assert "translation on ctranslate2 (int8), summaries on ctranslate2" in done.stdout
