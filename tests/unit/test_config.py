import pytest

from newsfuse import Config, NewsfuseError
from newsfuse.config import merge_overrides


def test_defaults_validate():
    config = Config.default()
    assert 0 < config.group.threshold < 1


def test_override_and_rules_spelled_out():
    config = Config.from_dict(merge_overrides(["group.threshold=0.3", "synthesize.summary_sentences=3"]))
    assert config.group.threshold == 0.3 and config.synthesize.summary_sentences == 3
    with pytest.raises(NewsfuseError, match=r"group.threshold must be in \[0, 1\]"):
        Config.from_dict({"group": {"threshold": 2}})
    with pytest.raises(NewsfuseError, match="unknown setting group.nope"):
        Config.from_dict({"group": {"nope": 1}})
    with pytest.raises(NewsfuseError, match="section.key=value"):
        merge_overrides(["threshold"])
