"""The screening part of the demo loads its lists and finds the fictional persons."""

from counterflow.cli import demo_screening


def test_the_demo_screens_across_scripts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTERFLOW_DATA_DIR", str(tmp_path))
    # Only the domestic demo list: the real lists are not needed to check the wiring.
    monkeypatch.setattr(demo_screening, "SHARED_LISTS", tmp_path / "absent")
    monkeypatch.setattr(demo_screening.console, "width", 400)  # no wrapping inside cells
    demo_screening.screening_demo(tmp_path)
    out = capsys.readouterr().err  # the CLI prints to stderr, keeping stdout for --json
    assert (tmp_path / "counterflow.db").exists()
    assert "domestic:demo-1" in out  # សុខ ដារា found as SOK Dara
    assert "domestic:demo-2" in out  # Wang Jian Guo found as WANG Jianguo
    assert "titles: Lok Chumteav" in out  # the title is set aside and shown
    assert out.count("no hit") == 2  # Sok Dalin, and al-Zawahiri without the UN list
