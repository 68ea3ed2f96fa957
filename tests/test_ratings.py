"""The rating scale: the default, a newsroom's own file, and bad labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.errors import ConfigError, InvalidInput
from claims.ratings import DEFAULT_SCALE, load_scale


def test_default_scale_maps_every_label() -> None:
    assert DEFAULT_SCALE.labels == ["true", "mostly-true", "mixed", "misleading", "false", "unverifiable"]
    assert DEFAULT_SCALE.get("False").normalized == "FALSE"
    assert DEFAULT_SCALE.get("mostly-true").value == 4
    with pytest.raises(InvalidInput, match="unknown rating 'sorta'"):
        DEFAULT_SCALE.get("sorta")


def test_newsroom_scale_from_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "scale.toml"
    path.write_text(
        'best = 3\nworst = 1\n[[rating]]\nlabel = "Correct"\nnormalized = "TRUE"\nvalue = 3\n'
        '[[rating]]\nlabel = "wrong"\nnormalized = "FALSE"\nvalue = 1\n'
    )
    monkeypatch.setenv("CLAIMS_RATINGS_FILE", str(path))
    scale = load_scale()
    assert scale.labels == ["correct", "wrong"] and scale.best == 3
    assert scale.get("CORRECT").value == 3


def test_bad_scale_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[rating]]\nlabel = "x"\nnormalized = "MAYBE"\nvalue = 1\n')
    with pytest.raises(ConfigError, match="not one of"):
        load_scale(path)
