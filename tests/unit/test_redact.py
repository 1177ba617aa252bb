"""Secret-looking keys in any case or separator style; bounded summaries that never raise."""

from __future__ import annotations

import pytest

from st_state_debugger.config import DEFAULT_REDACT, REDACTED
from st_state_debugger.redact import Redactor, summarize


@pytest.mark.parametrize("key", ["password", "PASSWORD", "user_password", "passwd", "api_key", "API-KEY", "apiKey",
                                 "Api Key", "token", "refresh_token", "client.secret", "aws_secret_access_key",
                                 "credentials", "private_key", "privateKey", "Authorization", "session-id"])
def test_secret_looking_keys_are_detected(key):
    assert Redactor(DEFAULT_REDACT).is_secret(key)


@pytest.mark.parametrize("key", ["username", "count", "todos", "author", "note", "tokenizer_name"[:0] or "keyboard"])
def test_ordinary_keys_are_not(key):
    assert not Redactor(DEFAULT_REDACT).is_secret(key)


def test_diff_paths_with_a_secret_segment():
    r = Redactor(DEFAULT_REDACT)
    assert r.path_is_secret("cfg['db']['password']") and r.path_is_secret("user.api_key")
    assert not r.path_is_secret("todos[3]['done']")


def test_summary_is_bounded_for_huge_values():
    text = summarize(list(range(1_000_000)), 60)
    assert len(text) <= 60 and text.startswith("[0, 1, 2")
    assert summarize("x" * 10_000, 40).endswith("…") and len(summarize("x" * 10_000, 40)) == 40


def test_summary_never_raises_and_redacts_nested_secrets():
    class Bad:
        def __repr__(self):
            raise ValueError("nope")

    class BadLen(list):
        def __iter__(self):
            raise RuntimeError("iter")

    r = Redactor(DEFAULT_REDACT)
    assert summarize(Bad(), 50) == "<unprintable Bad: ValueError>"
    assert summarize(BadLen([1]), 50).startswith("<unprintable BadLen")
    assert summarize({"user": "a", "token": "t0p"}, 80, r) == f"{{'user': 'a', 'token': {REDACTED}}}"
    loop: dict = {}
    loop["me"] = loop
    assert summarize(loop, 50) == "{'me': <cycle>}"


def test_summary_names_dataframes_and_arrays_without_printing_them():
    import numpy as np
    import pandas as pd

    assert summarize(pd.DataFrame({"a": [1, 2]}), 80) == "DataFrame 2×1 [a: int64]"
    assert summarize(np.zeros((3, 2)), 80) == "ndarray float64 (3, 2)"
    assert summarize(np.float64(1.5), 80) == "1.5"


SPELLINGS = [
    "password", "Password", "PASSWORD", "userPassword", "user_password", "user-password", "USER_PASSWORD",
    "passwd", "db_passwd", "pwd", "PWD", "passPhrase", "secret", "clientSecret", "client_secret", "CLIENT-SECRET",
    "token", "accessToken", "access_token", "ACCESS-TOKEN", "refresh.token", "Bearer Token", "apiKey", "api_key",
    "API-KEY", "Api Key", "x-api-key", "credentials", "awsCredentials", "private_key", "privateKey", "PRIVATE-KEY",
    "accessKey", "aws_access_key_id", "Authorization", "session_id", "sessionId", "cookie", "SESSION_COOKIE",
]


@pytest.mark.parametrize("key", SPELLINGS)
def test_every_spelling_convention_is_redacted(key):
    assert Redactor(DEFAULT_REDACT).is_secret(key), key


def test_patterns_can_be_added_and_keys_marked_safe():
    r = Redactor(DEFAULT_REDACT + ("ssn", "iban"), safe_keys=("token_count", "password_policy"))
    assert r.is_secret("user_SSN") and r.is_secret("IBAN")
    assert not r.is_secret("token_count") and not r.is_secret("password_policy")
    assert r.is_secret("token_counter")  # safe keys are exact names
    assert summarize({"token_count": 3, "token": "t"}, 80, r) == f"{{'token_count': 3, 'token': {REDACTED}}}"


# --------------------------------------------------------------------------- issue 11 item 2
LEAKED_SPELLINGS = [
    "db_pass", "db-pass", "DB_PASS", "passcode", "pw", "auth", "auth_header", "bearer", "jwt", "id_jwt", "creds",
    "user_creds", "priv_key", "ssh_key", "signing_key", "encryption_key", "api/key", "api:key",
]


@pytest.mark.parametrize("key", LEAKED_SPELLINGS)
def test_secret_spellings_that_used_to_leak_are_redacted(key):
    assert Redactor(DEFAULT_REDACT).is_secret(key), key


@pytest.mark.parametrize("key", ["user's password", "API/KEY", "apiKeys", "HTTPAuthHeader", "oauth", "mypassword",
                                 "githubToken2", "githubtoken", "x-jwt", "SSH_KEYS", "passwordHash", "refresh_tokens",
                                 "awscreds", "userpasswd"])
def test_glued_plural_and_punctuated_secret_keys_are_redacted(key):
    assert Redactor(DEFAULT_REDACT).is_secret(key), key


@pytest.mark.parametrize("key, why", [
    ("token_count", "'count' says the key counts tokens; it does not hold one"),
    ("max_tokens", "a number of tokens (an LLM setting)"),
    ("password_strength_hint", "'strength' says it describes the password, e.g. 'weak'"),
    ("password_min_length", "a rule about passwords"),
    ("author", "'auth' matches whole words only"),
    ("authority", "'auth' matches whole words only"),
    ("keyboard", "'key' is secret only in a compound (api key, ssh key…)"),
    ("tokenizer", "'token' (5 letters) is matched inside a word only at its end"),
    ("bypass", "'pass' matches whole words only"),
    ("passport", "'pass' matches whole words only"),
    ("secretary", "an ordinary word that merely contains 'secret'"),
])
def test_keys_that_only_look_secret_stay_visible(key, why):
    assert not Redactor(DEFAULT_REDACT).is_secret(key), why


def test_a_qualifier_does_not_hide_a_second_secret_word_in_the_same_key():
    r = Redactor(DEFAULT_REDACT)
    assert r.is_secret("token_count_secret") and r.is_secret("password_hint") and r.is_secret("max_tokens_secret")
    assert r.is_secret("token_counter")  # not a qualifier: a different word


def test_the_word_list_in_docs_security_is_the_default_one():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    section = text[text.index("## What is redacted"): text.index('## What "local" means')]
    block = section.split("The word list")[1].split("is:\n\n`")[1].split("`")[0]
    assert tuple(block.split()) == DEFAULT_REDACT
